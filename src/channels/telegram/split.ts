/**
 * Splits long texts for Telegram, which refuses messages over 4096 characters and captions over
 * 1024. Pieces break at paragraph boundaries where possible, then at line ends, then between
 * words, and only as a last resort inside a word (never inside a surrogate pair).
 */

/** Telegram's limit for a message text. */
export const MAX_TEXT = 4096;
/** Telegram's limit for a media caption. */
export const MAX_CAPTION = 1024;

const SEPARATORS = ["\n\n", "\n", " "] as const;

/** Cuts `text` at most `limit` UTF-16 units in, without splitting a surrogate pair. */
function hardCut(text: string, limit: number): [string, string] {
  let end = limit;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return [text.slice(0, end), text.slice(end)];
}

/** The longest head of `text` within `limit`, ending at the coarsest separator available. */
function head(text: string, limit: number): [string, string] {
  if (text.length <= limit) return [text, ""];
  for (const sep of SEPARATORS) {
    const at = text.lastIndexOf(sep, limit - 1);
    // Only accept a break that keeps a reasonable piece; tiny heads would waste messages.
    if (at > 0 && at >= limit / 4) {
      return [text.slice(0, at), text.slice(at + sep.length)];
    }
  }
  return hardCut(text, limit);
}

/**
 * Splits `text` into pieces of at most `limit` characters (the first at most `firstLimit`),
 * breaking at paragraphs first. Whitespace at a break is dropped; an empty text gives `[]`.
 */
export function splitText(text: string, limit = MAX_TEXT, firstLimit = limit): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  let max = firstLimit;
  while (rest.length > 0) {
    const [piece, tail] = head(rest, max);
    const trimmed = piece.trimEnd();
    if (trimmed) pieces.push(trimmed);
    rest = tail.trimStart();
    max = limit;
  }
  return pieces;
}
