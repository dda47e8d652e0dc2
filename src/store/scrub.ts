/**
 * Takes a person's identity out of free text they typed into a case, when they erase their
 * data: phone numbers (any run of 8 or more digits, with the spaces, dots, dashes and brackets
 * people type between them) and the names and numbers they gave in answers marked personal.
 * Pure functions.
 */

/** What replaces a removed phone number. */
export const PHONE_GONE = "[nomor dihapus]";
/** What replaces a removed name. */
export const NAME_GONE = "[nama dihapus]";

const PHONE = /\+?\d[\d\s().-]{6,}\d/g;

/** The words of personal answers worth looking for (names, numbers): three letters or more. */
export function identityWords(values: readonly string[]): string[] {
  const words = new Set<string>();
  for (const value of values) {
    for (const word of value.split(/[\s,.;:()"'/]+/)) {
      if (/\d/.test(word)) continue; // numbers go by the phone pattern
      if (word.length >= 3) words.add(word);
    }
  }
  return [...words];
}

/** `text` without phone numbers and without any of `words` (whole words, any case). */
export function scrubText(text: string, words: readonly string[]): string {
  let out = text.replace(PHONE, (match) =>
    match.replace(/\D/g, "").length >= 8 ? PHONE_GONE : match,
  );
  for (const word of words) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "giu"),
      NAME_GONE,
    );
  }
  return out;
}
