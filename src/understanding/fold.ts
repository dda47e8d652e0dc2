/**
 * Character-level folding: turns what someone typed on a phone into plain lowercase words, so
 * that "Tolonggg!!", "tolong" and "TOLONG" are one word and "ta'", "tak" and "ta’" meet.
 * Word-level tables (abbreviations, Madurese spellings) come after this, from `data/`.
 * Folding runs in two steps so that chat abbreviations are read as typed (`sdh` is "sudah"
 * even though the spelling rules would turn it into `sd`, "sekolah dasar").
 */

/** A spelling rule applied to every word, e.g. aspirated `bh` typed as `b`. */
export interface CharRule {
  from: RegExp;
  to: string;
}

const MARKS = /\p{M}+/gu;
const ASCII = /^[\x20-\x7e]*$/;
/**
 * A glottal stop written after a vowel (ta', engko’, bâ'na) is typed as `k` by many. Between
 * two vowels (so'on, be'en, assalamu'alaikum, ma'af) the mark is dropped instead.
 */
const GLOTTAL = /([aeiou])['’‘`ʼ](?![aeiou])/g;
const BETWEEN_VOWELS = /([aeiou])['’‘`ʼ](?=[aeiou])/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
/** A word with a reduplication digit: masok2, anak2. */
const REDUPLICATED = /^(\p{L}{2,})2$/u;
/** A number glued to its unit: 5jt, 17thn. */
const GLUED_NUMBER = /^(\d+)(\p{L}+)$/u;
/** Emphasis: a letter typed three or more times (tolooong, sakiiit). */
const EMPHASIS = /(\p{L})\1{2,}/gu;
/** A doubled consonant (Madurese kabbhi, bennya') is often typed single. Vowels stay (maaf). */
const DOUBLE_CONSONANT = /([b-df-hj-np-tv-z])\1/g;
/** A final h after a vowel is added or dropped at will (apah, sapah, iyeh). */
const FINAL_H = /([aeiou])h$/;

/**
 * The first step: lowercase, no diacritics (â è ḍ ṭ), glottal apostrophes as `k`, punctuation
 * and emoji gone, reduplication (masok2, anak-anak) written once, emphasis and doubled
 * consonants single. Chat abbreviations are looked up on these words.
 */
export function basicTokens(text: string): string[] {
  // Most messages are plain ASCII: skip Unicode decomposition for them (it is the slow part).
  const decomposed = ASCII.test(text) ? text : text.normalize("NFKD").replace(MARKS, "");
  const plain = decomposed
    .toLowerCase()
    .replace(BETWEEN_VOWELS, "$1")
    .replace(GLOTTAL, "$1k")
    .replace(NOT_WORD, " ");
  const out: string[] = [];
  for (const raw of plain.split(" ")) {
    if (!raw) continue;
    const word = REDUPLICATED.exec(raw)?.[1] ?? raw;
    const glued = GLUED_NUMBER.exec(word);
    for (const part of glued ? [glued[1] as string, glued[2] as string] : [word]) {
      const folded = part.replace(EMPHASIS, "$1").replace(DOUBLE_CONSONANT, "$1");
      if (folded && out.at(-1) !== folded) out.push(folded);
    }
  }
  return out;
}

/**
 * The second step, on one word: the spelling rules run (bh → b …) and a final h after a vowel
 * goes (only in words of 4+ letters, so `ah` stays).
 */
export function foldWord(word: string, rules: readonly CharRule[]): string {
  let w = word;
  for (const rule of rules) w = w.replace(rule.from, rule.to);
  w = w.replace(DOUBLE_CONSONANT, "$1");
  return w.length >= 4 ? w.replace(FINAL_H, "$1") : w;
}

/** Both steps: the words of a text as the Madurese spelling table compares them. */
export function foldTokens(text: string, rules: readonly CharRule[]): string[] {
  return basicTokens(text).map((w) => foldWord(w, rules));
}
