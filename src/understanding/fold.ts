/**
 * Character-level folding: turns what someone typed on a phone into plain lowercase words, so
 * that "Tolonggg!!", "tolong" and "TOLONG" are one word and "ta'", "tak" and "ta’" meet.
 * Word-level tables (abbreviations, Madurese spellings) come after this, from `data/`.
 */

/** A spelling rule applied to every word, e.g. aspirated `bh` typed as `b`. */
export interface CharRule {
  from: RegExp;
  to: string;
}

const MARKS = /\p{M}+/gu;
/** A glottal stop written after a vowel (ta', engko’, bâ'na) is typed as `k` by many. */
const GLOTTAL = /([aeiou])['’‘`ʼ]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
/** A word with a reduplication digit: masok2, anak2. */
const REDUPLICATED = /^(\p{L}{2,})2$/u;
/** A number glued to its unit: 5jt, 17thn. */
const GLUED_NUMBER = /^(\d+)(\p{L}+)$/u;
const REPEATS = /(\p{L})\1+/gu;
/** A final h after a vowel is added or dropped at will (apah, sapah, iyeh). */
const FINAL_H = /([aeiou])h$/;

/**
 * Folds one word: repeated letters collapse (tolonggg → tolong, kabbhi → kabhi), the rules
 * run, and a final h after a vowel goes (only in words of 4+ letters, so `ah` stays).
 */
export function foldWord(word: string, rules: readonly CharRule[]): string {
  let w = word.replace(REPEATS, "$1");
  for (const rule of rules) w = w.replace(rule.from, rule.to);
  return w.length >= 4 ? w.replace(FINAL_H, "$1") : w;
}

/**
 * Splits a text into folded words: lowercase, no diacritics (â è ḍ ṭ), glottal apostrophes as
 * `k`, punctuation and emoji gone, reduplication (masok2, anak-anak) written once.
 */
export function foldTokens(text: string, rules: readonly CharRule[]): string[] {
  const plain = text
    .normalize("NFKD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(GLOTTAL, "$1k")
    .replace(NOT_WORD, " ");
  const out: string[] = [];
  for (const raw of plain.split(" ")) {
    if (!raw) continue;
    const word = REDUPLICATED.exec(raw)?.[1] ?? raw;
    const glued = GLUED_NUMBER.exec(word);
    for (const part of glued ? [glued[1] as string, glued[2] as string] : [word]) {
      const folded = foldWord(part, rules);
      if (folded && out.at(-1) !== folded) out.push(folded);
    }
  }
  return out;
}
