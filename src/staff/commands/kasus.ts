import type { CommandContext, CommandHandler } from "./command.ts";

/** How many open cases `/kasus` lists, and how many history lines `/kasus REF` shows. */
const LIST = 30;
const HISTORY = 15;

/** `/kasus`: the open cases, urgent and oldest first; `/kasus REF`: one case and its history. */
export const kasus: CommandHandler<"kasus"> = {
  name: "kasus",
  fromText: ({ ref }) => ({ name: "kasus", ref }),
  run(ctx, { ref }) {
    if (!ref) {
      list(ctx);
      return;
    }
    const { store, text: t } = ctx;
    const record = ctx.work.caseOf(ctx, "kasus", ref);
    if (!record) return;
    store.audit.record(ctx.now, ctx.actor, "case.view", record.ref);
    const history = store.cases
      .events(record.id)
      .slice(-HISTORY)
      .map((e) => t.historyLine(e, (a) => store.settings.staffName(a)));
    const status = t.text("staff.details_status", {
      status: t.text(`staff.status_${record.status}`),
      assignee: record.assignee ?? "-",
      office: record.office ?? "-",
    });
    ctx.reply([t.card(record), status, t.text("staff.details_history"), ...history].join("\n"));
  },
};

function list(ctx: CommandContext): void {
  const { store, text: t, now } = ctx;
  const open = store.cases.unresolved(LIST);
  store.audit.record(now, ctx.actor, "case.list");
  ctx.reply(
    open.length
      ? [
          t.text("staff.list_header", { n: open.length }),
          ...open.map((c) => t.listLine(c, now)),
        ].join("\n")
      : t.text("staff.list_empty"),
  );
}
