/**
 * Entry tokens: how a link carries a source code into the bot. A token is the code, optionally
 * with the language to start in (`K7Q3`, `K7Q3-mad`). Telegram gets it as the deep link's
 * `/start` payload, WhatsApp inside the pre-filled first message as `#K7Q3`, the web chat as
 * `/chat?src=K7Q3`. Pure functions.
 */
import { isLang, type Lang } from "../engine/types.ts";
import { CODE_PATTERN } from "./code.ts";

/** A source code, and the language a link asks for (else the source's own). */
export interface EntryToken {
  code: string;
  lang?: Lang;
}

const TOKEN = `(${CODE_PATTERN})(?:[-_](id|mad))?`;
const WHOLE = new RegExp(`^${TOKEN}$`, "i");
/** As links write it: the code in capitals (a deep link's `start=human` names a flow). */
const WHOLE_AS_WRITTEN = new RegExp(`^${TOKEN}$`);
/** `#K7Q3` in a message, not part of a longer word. */
const IN_TEXT = new RegExp(`(^|[^\\p{L}\\p{N}_])#${TOKEN}(?![\\p{L}\\p{N}_-])`, "iu");

function toToken(code: string, lang: string | undefined): EntryToken {
  const l = lang?.toLowerCase();
  return { code: code.toUpperCase(), ...(isLang(l) ? { lang: l } : {}) };
}

/**
 * Reads a whole token (a deep-link payload, a link parameter); undefined when it is none.
 * `asWritten`: only the code in capitals, as links write it (a lower-case Telegram payload
 * such as `human` is a flow id).
 */
export function parseEntryToken(text: string, asWritten = false): EntryToken | undefined {
  const m = (asWritten ? WHOLE_AS_WRITTEN : WHOLE).exec(text.trim());
  return m ? toToken(m[1] as string, m[2]) : undefined;
}

/** Writes a token: the code, with `-<lang>` when a link asks for a language. */
export function formatEntryToken(code: string, lang?: Lang): string {
  return lang ? `${code}-${lang}` : code;
}

/**
 * Finds `#<token>` in a message (the pre-filled WhatsApp text); `rest` is the message without
 * it, spaces tidied.
 */
export function tokenInText(text: string): { token: EntryToken; rest: string } | undefined {
  const m = IN_TEXT.exec(text);
  if (!m) return undefined;
  const start = m.index + (m[1] as string).length;
  const end = m.index + m[0].length;
  const rest = `${text.slice(0, start)} ${text.slice(end)}`.replace(/\s+/g, " ").trim();
  return { token: toToken(m[2] as string, m[3]), rest };
}
