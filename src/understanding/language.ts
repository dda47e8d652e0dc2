/**
 * Tells Madurese from Indonesian by marker words (engkok, kaula, bede, tak, beremma … against
 * saya, tidak, ada, bagaimana …). People mix the two freely, so a few clear Madurese words
 * make a text Madurese even when most of its nouns are Indonesian.
 */
import type { Lang } from "../engine/types.ts";

/** Weighted marker words per language, already in surface form. */
export interface LanguageMarkers {
  id: ReadonlyMap<string, number>;
  mad: ReadonlyMap<string, number>;
}

/** Strong markers count 2, weak ones 1. */
export function markers(
  lists: {
    id: { strong: string[]; weak: string[] };
    mad: { strong: string[]; weak: string[] };
  },
  surface: (w: string) => string[],
): LanguageMarkers {
  const weigh = (l: { strong: string[]; weak: string[] }) => {
    const map = new Map<string, number>();
    for (const w of l.weak) for (const s of surface(w)) map.set(s, 1);
    for (const w of l.strong) for (const s of surface(w)) map.set(s, 2);
    return map;
  };
  return { id: weigh(lists.id), mad: weigh(lists.mad) };
}

/** Marker totals of a text. */
export interface LanguageScore {
  id: number;
  mad: number;
}

/** Adds up the marker words of a text (each distinct word once). */
export function scoreLanguage(words: readonly string[], m: LanguageMarkers): LanguageScore {
  const score = { id: 0, mad: 0 };
  for (const w of new Set(words)) {
    score.id += m.id.get(w) ?? 0;
    score.mad += m.mad.get(w) ?? 0;
  }
  return score;
}

/**
 * The language a text is written in, or undefined when it has too few marker words to tell
 * ("paspor?") or as many of one as of the other. Madurese needs one strong marker (or two
 * weak ones).
 */
export function detectLanguage(words: readonly string[], m: LanguageMarkers): Lang | undefined {
  const { id, mad } = scoreLanguage(words, m);
  if (mad >= 2 && mad > id) return "mad";
  if (id >= 1 && id > mad) return "id";
  return undefined;
}
