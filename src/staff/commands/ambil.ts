import type { CommandHandler } from "./command.ts";

/** `/ambil REF`: the staff member takes the case; the reporter and every staff chat are told. */
export const ambil: CommandHandler<"ambil"> = {
  name: "ambil",
  fromText: ({ ref }) => ({ name: "ambil", ref }),
  run(ctx, { ref }) {
    const record = ctx.work.caseOf(ctx, "ambil", ref);
    if (!record) return;
    const notice = ctx.text.text("staff.claimed", { ref: record.ref, who: ctx.who });
    ctx.work.setStatus(ctx, record, "claimed", { assignee: ctx.actor }, notice);
  },
};
