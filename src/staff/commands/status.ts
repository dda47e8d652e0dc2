import type { CaseStatus } from "../../engine/types.ts";
import type { CommandHandler } from "./command.ts";

/** Status words staff may type, in Indonesian or as the internal name. */
export const STATUS_WORDS: ReadonlyMap<string, CaseStatus> = new Map([
  ["new", "new"],
  ["baru", "new"],
  ["claimed", "claimed"],
  ["diambil", "claimed"],
  ["ditangani", "claimed"],
  ["waiting", "waiting"],
  ["menunggu", "waiting"],
  ["referred", "referred"],
  ["dirujuk", "referred"],
  ["diteruskan", "referred"],
  ["resolved", "resolved"],
  ["selesai", "resolved"],
  ["closed", "closed"],
  ["tutup", "closed"],
  ["ditutup", "closed"],
]);

/**
 * `/status REF word [office]`: moves the case to a status (`dirujuk` needs the office it was
 * referred to); the reporter and every staff chat are told.
 */
export const status: CommandHandler<"status"> = {
  name: "status",
  fromText: ({ ref, rest }) => {
    const [word = "", ...office] = rest.split(/\s+/);
    return {
      name: "status",
      ref,
      status: STATUS_WORDS.get(word.toLowerCase()),
      word,
      office: office.join(" ").trim(),
    };
  },
  run(ctx, { ref, status, word, office }) {
    const { text: t } = ctx;
    const record = ctx.work.caseOf(ctx, "status", ref);
    if (!record) return;
    if (!status) {
      ctx.reply(t.text("staff.unknown_status", { word }));
      return;
    }
    if (status === "referred" && !office) {
      ctx.reply(t.text("staff.needs_office", { ref: record.ref }));
      return;
    }
    const notice = t.text("staff.status_changed", {
      ref: record.ref,
      status: t.text(`staff.status_${status}`),
      who: ctx.who,
      office: office ?? "",
    });
    const extra = status === "referred" && office ? { office } : {};
    ctx.work.setStatus(ctx, record, status, extra, notice);
  },
};
