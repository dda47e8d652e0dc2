import type { CommandHandler } from "./command.ts";

/** `/tutup REF [closing words]`: closes the case; the reporter gets the closing words too. */
export const tutup: CommandHandler<"tutup"> = {
  name: "tutup",
  fromText: ({ ref, rest }) => ({ name: "tutup", ref, note: rest || undefined }),
  run(ctx, { ref, note }) {
    const record = ctx.work.caseOf(ctx, "tutup", ref);
    if (!record) return;
    const notice = ctx.text.text("staff.closed", { ref: record.ref, who: ctx.who });
    ctx.work.setStatus(ctx, record, "closed", { note }, notice);
  },
};
