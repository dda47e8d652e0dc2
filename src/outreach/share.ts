/**
 * The links the `share` flow hands to community leaders: those of the general source
 * (`UMUM`), one line per channel, in each language, rendered once when the bot is built.
 */
import type { Translator } from "../engine/deps.ts";
import { LANGS, type Lang } from "../engine/types.ts";
import { GENERAL_SOURCE_CODE } from "../store/sources.ts";
import { ENTRY_CHANNELS, type EntryBases, type EntryChannel, entryLinks } from "./links.ts";

/** How each channel's link is introduced (names of apps, the same in both languages). */
const LABELS: Record<EntryChannel, string> = {
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  web: "Web",
};

/** Per language: `WhatsApp: https://wa.me/…` lines, or a note when no channel has a link. */
export function shareLinks(bases: EntryBases, t: Translator): Record<Lang, string> {
  const general = { code: GENERAL_SOURCE_CODE, lang: "id" as const };
  const one = (lang: Lang): string => {
    const links = entryLinks(general, lang, bases, t(lang, "outreach.wa_greeting"));
    const lines = ENTRY_CHANNELS.flatMap((c) => (links[c] ? [`${LABELS[c]}: ${links[c]}`] : []));
    return lines.length ? lines.join("\n") : t(lang, "outreach.share_no_links");
  };
  return Object.fromEntries(LANGS.map((lang) => [lang, one(lang)])) as Record<Lang, string>;
}
