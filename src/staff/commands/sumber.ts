/**
 * `/sumber`: outreach sources in the staff chats — `/sumber` lists them with their new users,
 * `/sumber K7Q3` shows one with its links, `/sumber baru Nama; jenis; tempat; TTTT-BB-HH;
 * id|mad` makes one, with the same checks and audit as the console's form (see `src/outreach/`).
 */
import { normalizeSourceCode } from "../../outreach/code.ts";
import { createSource } from "../../outreach/create.ts";
import type { OutreachKit } from "../../outreach/kit.ts";
import { ENTRY_CHANNELS } from "../../outreach/links.ts";
import { sourceStatistics } from "../../outreach/stats.ts";
import { weekOf } from "../../outreach/week.ts";
import type { Source } from "../../store/sources.ts";
import type { Store } from "../../store/store.ts";
import type { StaffText } from "../render.ts";
import type { CommandHandler } from "./command.ts";

/** Words staff type for a kind, in Indonesian (or the internal name). */
const KIND_WORDS: Record<string, string> = {
  acara: "event",
  sosialisasi: "event",
  event: "event",
  poster: "poster",
  pesantren: "school",
  sekolah: "school",
  school: "school",
  desa: "village",
  grup: "village",
  village: "village",
  radio: "radio",
  lainnya: "other",
  lain: "other",
  other: "other",
};

/** How many sources the list shows. */
const LIST_MAX = 20;
/** Weeks the new-user counts cover (as on the console). */
const WEEKS = 12;

/** What the command needs. */
interface SourceCommandContext {
  store: Store;
  kit: OutreachKit;
  text: StaffText;
  actor: string;
  now: number;
}

/** Runs `/sumber <rest>` and returns the reply. */
function sourceCommand(rest: string, x: SourceCommandContext): string {
  const t = (key: string, params?: Record<string, unknown>) =>
    x.text.text(`sources.${key}`, params);
  const words = rest.trim();
  const current = weekOf(x.now);
  const weeks = Array.from({ length: WEEKS }, (_, i) => current - (WEEKS - 1 - i) * 7);
  const newUsers = (sources: readonly Source[]) =>
    new Map(
      sourceStatistics(sources, x.store.sources.counts(weeks[0]), weeks).map((s) => [
        s.source.id,
        s.columns.new_users?.total.text ?? "0",
      ]),
    );
  const links = (source: Source) => {
    const found = x.kit.links(source, source.lang);
    const lines = ENTRY_CHANNELS.flatMap((c) => (found[c] ? [found[c] as string] : []));
    return lines.length ? lines.join("\n") : t("links_none");
  };
  if (!words) {
    const sources = x.store.sources.all().slice(0, LIST_MAX);
    const counts = newUsers(sources);
    x.store.audit.record(x.now, x.actor, "source.list");
    return [
      t("cmd_list_header"),
      ...sources.map((s) =>
        t("cmd_list_line", {
          code: s.code,
          name: s.name,
          kind: t(`kind_${s.kind}`),
          new_users: counts.get(s.id) ?? "0",
        }),
      ),
    ].join("\n");
  }
  const [first = "", ...others] = words.split(/\s+/);
  if (first.toLowerCase() === "baru") {
    const [name = "", kind, place, heldOn, lang] = others
      .join(" ")
      .split(";")
      .map((p) => p.trim());
    const made = createSource(
      x.store,
      {
        name,
        kind: kind ? (KIND_WORDS[kind.toLowerCase()] ?? kind) : undefined,
        place,
        heldOn,
        lang: lang?.toLowerCase(),
      },
      x.actor,
      x.now,
    );
    if ("error" in made) return `${t(made.error)}\n\n${t("cmd_help")}`;
    return t("cmd_created", {
      code: made.source.code,
      name: made.source.name,
      links: links(made.source),
    });
  }
  const code = normalizeSourceCode(first.replace(/^#/, ""));
  const source = code ? x.store.sources.byCode(code) : undefined;
  if (!source) return code ? t("cmd_unknown", { code }) : t("cmd_help");
  x.store.audit.record(x.now, x.actor, "source.view", undefined, { code: source.code });
  const facts = t("source_facts", {
    kind: t(`kind_${source.kind}`),
    place: source.place || "-",
    date: source.heldOn ?? "-",
    lang: t(`lang_${source.lang}`),
  });
  return t("cmd_details", {
    code: source.code,
    name: source.name,
    facts,
    new_users: newUsers([source]).get(source.id) ?? "0",
    links: links(source),
  });
}

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
