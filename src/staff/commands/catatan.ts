import type { CommandHandler } from "./command.ts";

/** `/catatan REF text`: an internal note in the case's history; the reporter is not told. */
export const catatan: CommandHandler<"catatan"> = {
  name: "catatan",
  fromText: ({ ref, rest }) => ({ name: "catatan", ref, text: rest || undefined }),
  run(ctx, { ref, text }) {
    const { store, now, actor } = ctx;
    const record = ctx.work.caseOf(ctx, "catatan", ref);
    if (!record) return;
    if (!text) {
      ctx.reply(ctx.text.text("staff.needs_text", { command: "catatan" }));
      return;
    }
    store.cases.event(record.id, now, actor, "note", { text });
    store.audit.record(now, actor, "case.note", record.ref);
    store.cases.change(record.id, {}, now);
    ctx.reply(ctx.text.text("staff.note_saved", { ref: record.ref }));
  },
};
