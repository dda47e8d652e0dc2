import type { CommandHandler } from "./command.ts";

/** `/masuk`: a one-time sign-in link to the web console for the staff member who asked. */
export const masuk: CommandHandler<"masuk"> = {
  name: "masuk",
  fromText: () => ({ name: "masuk" }),
  run(ctx) {
    const { text: t, who } = ctx;
    const url = ctx.consoleLink();
    ctx.store.audit.record(ctx.now, ctx.actor, url ? "console.link" : "console.link_unavailable");
    ctx.reply(url ? t.text("staff.console_link", { who, url }) : t.text("staff.console_off"));
  },
};
