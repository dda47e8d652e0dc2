import { sourceCommand } from "../../outreach/staff-command.ts";
import type { CommandHandler } from "./command.ts";

/**
 * `/sumber`: outreach sources — `/sumber` lists them, `/sumber K7Q3` shows one with its links,
 * `/sumber baru Nama; jenis; tempat; TTTT-BB-HH; id|mad` makes one (see `src/outreach/`).
 */
export const sumber: CommandHandler<"sumber"> = {
  name: "sumber",
  fromText: ({ rest }) => ({ name: "sumber", words: rest }),
  run(ctx, command) {
    const kit = ctx.outreach;
    if (!kit) {
      ctx.reply(ctx.text.text("sources.cmd_help"));
      return;
    }
    const { store, text, actor, now } = ctx;
    ctx.reply(sourceCommand(command.words, { store, kit, text, actor, now }));
  },
};
