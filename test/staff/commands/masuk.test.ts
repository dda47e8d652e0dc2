import { describe, expect, it } from "vitest";
import { masuk } from "../../../src/staff/commands/masuk.ts";
import { commandBench } from "../../helpers/staff-command.ts";

describe("/masuk", () => {
  it("gives the staff member a one-time console link, and audits it", async () => {
    const b = await commandBench();
    const asked: string[] = [];
    const link = "https://bot.example.org/masuk/abc";
    const ctx = b.ctx({
      consoleLink: () => {
        asked.push(ctx.actor);
        return link;
      },
    });
    masuk.run(ctx, masuk.fromText({ ref: undefined, rest: "", media: undefined }));
    expect(asked).toEqual(["telegram:111"]);
    expect(b.replies).toHaveLength(1);
    expect(b.replies[0]).toContain(link);
    expect(b.replies[0]).toContain("Bu Rina");
    expect(b.audit().at(-1)).toMatchObject({ actor: "telegram:111", action: "console.link" });
  });

  it("says the console is off when no link can be made, and audits that too", async () => {
    const b = await commandBench();
    masuk.run(b.ctx(), { name: "masuk" });
    expect(b.replies).toEqual([b.text.text("staff.console_off")]);
    expect(b.audit().at(-1)).toMatchObject({ action: "console.link_unavailable" });
  });
});
