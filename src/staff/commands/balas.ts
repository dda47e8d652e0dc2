import type { CommandHandler } from "./command.ts";

/** `/balas REF text` (or a file with that caption): passed to the reporter in their own chat. */
export const balas: CommandHandler<"balas"> = {
  name: "balas",
  fromText: ({ ref, rest, media }) => ({ name: "balas", ref, text: rest || undefined, media }),
  run(ctx, { ref, text, media }) {
    const record = ctx.work.caseOf(ctx, "balas", ref);
    if (!record) return;
    if (!text && !media) {
      ctx.reply(ctx.text.text("staff.needs_text", { command: "balas" }));
      return;
    }
    ctx.work.relay(ctx, record, { text, media });
  },
};
