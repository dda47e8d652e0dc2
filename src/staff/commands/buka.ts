import type { CommandHandler } from "./command.ts";

/** `/buka REF`: reopens a case, with whoever had taken it (or as new when nobody had). */
export const buka: CommandHandler<"buka"> = {
  name: "buka",
  fromText: ({ ref }) => ({ name: "buka", ref }),
  run(ctx, { ref }) {
    const record = ctx.work.caseOf(ctx, "buka", ref);
    if (!record) return;
    const notice = ctx.text.text("staff.reopened", { ref: record.ref, who: ctx.who });
    ctx.work.setStatus(ctx, record, record.assignee ? "claimed" : "new", {}, notice);
  },
};
