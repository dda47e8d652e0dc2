/**
 * Entry links: the addresses that open the bot on each channel with a source's code — a
 * Telegram deep link, a WhatsApp click-to-chat link whose pre-filled first message carries the
 * code (the person still writes first), and the web chat.
 */
import type { Config } from "../config.ts";
import type { Lang } from "../engine/types.ts";
import type { Source } from "../store/sources.ts";
import { formatEntryToken } from "./entry.ts";

/** Where each channel is reached; a channel left out gets no link. */
export interface EntryBases {
  /** The Telegram bot's username (no @). */
  telegramUsername?: string | undefined;
  /** The bot's WhatsApp number, international digits. */
  whatsappNumber?: string | undefined;
  /** The web chat's public origin, e.g. `https://bot.example.org`. */
  webOrigin?: string | undefined;
}

/** The channels of entry links, in the order posters and messages show them. */
export const ENTRY_CHANNELS = ["whatsapp", "telegram", "web"] as const;
export type EntryChannel = (typeof ENTRY_CHANNELS)[number];

/** A source's entry links in one language; a channel without a base has none. */
export type EntryLinks = Partial<Record<EntryChannel, string>>;

/** The bases as configured: `TELEGRAM_BOT_USERNAME`, `WHATSAPP_NUMBER`, `PUBLIC_URL`. */
export function entryBases(config: Config): EntryBases {
  return {
    telegramUsername: config.TELEGRAM_BOT_USERNAME,
    whatsappNumber:
      config.WHATSAPP_NUMBER ??
      (config.WHATSAPP_ENABLED ? config.WHATSAPP_PAIRING_NUMBER : undefined),
    webOrigin: config.WEB_CHAT_ENABLED ? config.PUBLIC_URL : undefined,
  };
}

/**
 * A source's links for people reading `lang`: the code alone starts in the source's language,
 * `<code>-<lang>` in another. `greeting` opens the pre-filled WhatsApp message (e.g. "Halo"),
 * which the bot answers with its greeting.
 */
export function entryLinks(
  source: Pick<Source, "code" | "lang">,
  lang: Lang,
  bases: EntryBases,
  greeting: string,
): EntryLinks {
  const token = formatEntryToken(source.code, lang === source.lang ? undefined : lang);
  const links: EntryLinks = {};
  if (bases.whatsappNumber) {
    const text = encodeURIComponent(`${greeting} #${token}`);
    links.whatsapp = `https://wa.me/${bases.whatsappNumber}?text=${text}`;
  }
  if (bases.telegramUsername)
    links.telegram = `https://t.me/${bases.telegramUsername}?start=${token}`;
  if (bases.webOrigin) links.web = `${bases.webOrigin}/chat?src=${source.code}&lang=${lang}`;
  return links;
}
