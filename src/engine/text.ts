/**
 * Text folding for comparisons: what a person types on a cheap phone must match what we wrote,
 * whatever the case, accents (â è ḍ ṭ) or punctuation.
 */

const COMBINING = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Lowercases, removes diacritics and punctuation, and collapses spaces. */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(COMBINING, "")
    .toLowerCase()
    .replace(/['’`ʼ]/g, "")
    .replace(NOT_WORD, " ")
    .trim();
}

/** Bounds the work done on huge inputs: only the start of a long text is compared. */
export function clip(text: string, max = 500): string {
  return text.length > max ? text.slice(0, max) : text;
}
