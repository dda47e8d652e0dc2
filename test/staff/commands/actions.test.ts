import { describe, expect, it } from "vitest";
import { actionId, cardActions, commandOfAction } from "../../../src/staff/commands/actions.ts";
import { commandBench } from "../../helpers/staff-command.ts";

describe("card actions", () => {
  it("a card offers take and close, whose ids come back as the same commands", async () => {
    const b = await commandBench();
    const actions = cardActions(b.text, "JR-7Q3K");
    expect(actions).toEqual([
      { id: "ambil JR-7Q3K", label: "Ambil" },
      { id: "tutup JR-7Q3K", label: "Tutup" },
    ]);
    expect(actions.map((a) => commandOfAction(a.id))).toEqual([
      { name: "ambil", ref: "JR-7Q3K" },
      { name: "tutup", ref: "JR-7Q3K" },
    ]);
    expect(commandOfAction(actionId("buka", "JR-7Q3K"))).toEqual({ name: "buka", ref: "JR-7Q3K" });
  });

  it("no button of ours has any other id", () => {
    for (const id of ["", "ambil", "ambil JR-7Q3K x", "balas JR-7Q3K", "hapus JR-7Q3K", "ambil 🙂"])
      expect(commandOfAction(id)).toBeUndefined();
  });
});
