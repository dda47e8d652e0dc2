/**
 * Which option a typed answer names. People rarely type a label exactly: they write "Anak saya
 * Siti, berangkat lewat sponsor …" for "Anak saya", "ana'" for "Ana' kaulâ", "putra" for "Anak
 * saya". An answer names an option by its number, id or whole label (exact), by the label at its
 * start (the rest is the answer's detail), or by a word only that option's label has — among the
 * first words, or anywhere in a short answer — compared by meaning when a {@link WordSense} is
 * given (synonyms and both languages), else as written (accent- and case-insensitive).
 */
import type { WordSense } from "./deps.ts";
import { fold } from "./text.ts";

/** A text this short is read whole; a longer one by its first words only. */
const SHORT_WORDS = 4;
/** How many first words of a longer text may name an option. */
const LEADING_WORDS = 3;

/** What a typed answer names. */
export type Naming<T> =
  /** One option. `exact` when the text is the option (number, id or label) and nothing more. */
  | { option: T; exact: boolean; detail: string }
  /** More than one option: ask again. */
  | { ambiguous: T[] }
  | undefined;

/** Finds the option a text names exactly: its number, its id or its whole label. */
export function pickOption<T extends { id: string }>(
  options: readonly T[],
  labels: readonly string[],
  text: string,
): T | undefined {
  const folded = fold(text);
  const number = /^(\d{1,2})$/.exec(folded);
  if (number) return options[Number(number[1]) - 1];
  const byId = options.find((o) => o.id === folded);
  if (byId) return byId;
  const index = labels.findIndex((label) => fold(label) === folded);
  return index >= 0 ? options[index] : undefined;
}

/** Splits the typed text after its first `count` folded words match `label`, if they do. */
function afterLabel(text: string, label: string): string | undefined {
  const want = fold(label);
  if (!want) return undefined;
  const tokens = text.trim().split(/\s+/);
  for (let k = 1; k <= tokens.length; k++) {
    const head = fold(tokens.slice(0, k).join(" "));
    if (head === want) {
      const rest = tokens.slice(k).join(" ");
      // The rest starts with what separated it from the label (", berangkat …").
      return rest.replace(/^[\s,.;:!?–—-]+/u, "").trim();
    }
    if (!want.startsWith(head)) return undefined;
  }
  return undefined;
}

/** The text's words: by meaning when `sense` is given, else folded as written. */
function wordsOf(text: string, sense: WordSense | undefined): string[] {
  if (sense) return sense.words(text);
  return fold(text).split(" ").filter(Boolean);
}

/** The first clause of a text (up to a comma, full stop, dash …), at most `LEADING_WORDS` words. */
function leading(text: string): string {
  const clause = text.split(/[,.;:!?\n–—]|\s-\s/u)[0] ?? "";
  return clause.trim().split(/\s+/).slice(0, LEADING_WORDS).join(" ");
}

/** Finds the option a typed answer names; see the module comment. */
export function nameOption<T extends { id: string }>(
  options: readonly T[],
  labels: readonly string[],
  text: string,
  sense?: WordSense,
): Naming<T> {
  const exact = pickOption(options, labels, text);
  if (exact) return { option: exact, exact: true, detail: "" };

  // The whole label first, then the rest ("Anak saya Siti, …"); the longest label wins.
  let best: { index: number; rest: string } | undefined;
  labels.forEach((label, index) => {
    const rest = afterLabel(text, label);
    if (rest === undefined) return;
    if (!best || fold(label).length > fold(labels[best.index] as string).length)
      best = { index, rest };
  });
  if (best) return { option: options[best.index] as T, exact: false, detail: best.rest };

  // A word only one option's label has.
  const labelWords = labels.map((l) => new Set(wordsOf(l, sense)));
  const count = new Map<string, number>();
  for (const set of labelWords) for (const w of set) count.set(w, (count.get(w) ?? 0) + 1);
  const own = labelWords.map((set) => [...set].filter((w) => count.get(w) === 1));
  const all = fold(text).split(" ").filter(Boolean);
  const short = all.length <= SHORT_WORDS;
  const said = new Set(wordsOf(short ? text : leading(text), sense));
  const named = options.filter((_, i) => own[i]?.some((w) => said.has(w)));
  if (named.length === 1) {
    const option = named[0] as T;
    const index = options.indexOf(option);
    // The answer says more than the option's own words: keep it all as the detail.
    const extra = wordsOf(text, sense).some((w) => !labelWords[index]?.has(w));
    return { option, exact: false, detail: extra ? text.trim() : "" };
  }
  if (named.length > 1) return { ambiguous: named };
  return undefined;
}
