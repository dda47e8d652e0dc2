import { describe, expect, it } from "vitest";
import { bantuan } from "../../../src/staff/commands/bantuan.ts";
import { STAFF_COMMANDS } from "../../../src/staff/commands/registry.ts";
import { commandBench } from "../../helpers/staff-command.ts";

describe("/bantuan", () => {
  it("lists every other staff command and how to answer a reporter", async () => {
    const b = await commandBench();
    bantuan.run(b.ctx(), bantuan.fromText({ ref: undefined, rest: "apa", media: undefined }));
    expect(b.replies).toHaveLength(1);
    const help = b.replies[0] ?? "";
    for (const name of STAFF_COMMANDS.filter((c) => c !== "bantuan"))
      expect(help).toContain(`/${name}`);
    expect(help).toContain("balas (reply)");
    expect(b.toReporter()).toEqual([]);
  });
});
