/**
 * Word resolution: turns each word of a message into a word the matcher knows — as it is,
 * by its root (dipukul → pukul, adikku → adik), or by the closest known word (pasport →
 * paspor) — or marks it unknown. Unknown words count against a match's coverage.
 */
import { FuzzyDictionary } from "./fuzzy.ts";
import type { Normalizer } from "./normalize.ts";

/** Shortest affix-stripped root that may be looked up in the tables … */
const MIN_LOOKUP_ROOT = 5;
/** … or, when only a possessive ending came off (adikku → adik), this short. */
const MIN_CLITIC_ROOT = 3;
/** Shorter words are only matched exactly: "suka" is not a typo of "buka". */
const MIN_FUZZY_LENGTH = 5;
/** Resolved words remembered (the cache is emptied when full). */
const CACHE_SIZE = 20_000;

/** A word of a message as the matcher compares it. */
export interface Resolved {
  word: string;
  /** 1, or less for a word found by typo tolerance. */
  weight: number;
  /** False for words no example, table or rule knows. */
  known: boolean;
}

/** The words the matcher knows, and how to reach them from what people type. */
export class Vocabulary {
  private readonly fuzzy: FuzzyDictionary;
  private readonly cache = new Map<string, Resolved>();

  /**
   * `roots` are the words affixes may be cut down to (words of the examples, rules and
   * concepts); `known` the words worth resolving to, each with how common it is;
   * `fuzzyWeight` the weight of a word found at edit distance 1 and 2.
   */
  constructor(
    private readonly normalizer: Normalizer,
    private readonly roots: ReadonlySet<string>,
    private readonly known: ReadonlyMap<string, number>,
    private readonly fuzzyWeight: { one: number; two: number },
  ) {
    this.fuzzy = new FuzzyDictionary(known, MIN_FUZZY_LENGTH);
  }

  /** The root of a word (dipukul → pukul), mapped through the tables when they know it. */
  root(word: string): string {
    const n = this.normalizer;
    const known = this.roots.has(word);
    // A known word is only cut down to another known word; an unknown one also to a word the
    // tables know (pasportnya → pasport → paspor), if that is not too short to be sure.
    const isRoot = (r: string, clitic: boolean) =>
      this.roots.has(r) ||
      (!known &&
        r.length >= (clitic ? MIN_CLITIC_ROOT : MIN_LOOKUP_ROOT) &&
        n.lookup(r) !== undefined);
    const stem = n.stem(word, isRoot, known);
    return stem !== word && !this.roots.has(stem) ? (n.lookup(stem) ?? stem) : stem;
  }

  /** Resolves a word (remembered: words repeat across messages). */
  resolve(word: string): Resolved {
    const cached = this.cache.get(word);
    if (cached) return cached;
    if (this.cache.size >= CACHE_SIZE) this.cache.clear();
    const resolved = this.resolveNew(word);
    this.cache.set(word, resolved);
    return resolved;
  }

  private resolveNew(word: string): Resolved {
    if (this.normalizer.fixed.has(word)) return { word, weight: 1, known: true };
    const root = this.root(word);
    if (this.known.has(root)) return { word: root, weight: 1, known: true };
    const near = this.fuzzy.nearest(word) ?? (root !== word ? this.fuzzy.nearest(root) : undefined);
    if (near) {
      const weight = near.distance === 1 ? this.fuzzyWeight.one : this.fuzzyWeight.two;
      return { word: near.word, weight, known: true };
    }
    return { word: root, weight: 1, known: false };
  }
}
