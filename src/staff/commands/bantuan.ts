import type { CommandHandler } from "./command.ts";

/** `/bantuan`: the staff commands and how to answer a reporter (also the answer to any unknown `/word`). */
export const bantuan: CommandHandler<"bantuan"> = {
  name: "bantuan",
  fromText: () => ({ name: "bantuan" }),
  run(ctx) {
    ctx.reply(ctx.text.text("staff.help"));
  },
};
