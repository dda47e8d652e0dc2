/**
 * Typo tolerance: finds the known word closest to an unknown one ("pasport" → "paspor",
 * "gjai" → "gaji") by edit distance with transpositions. Candidates come from a table of
 * deletions (the symmetric-delete method), so a lookup costs a few map reads, not a scan.
 */

/** Edit distance counting a swap of two neighbours as one edit; gives up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

function deletions(word: string, depth: number, into: Set<string>): void {
  if (depth === 0) return;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (into.has(shorter)) continue;
    into.add(shorter);
    deletions(shorter, depth - 1, into);
  }
}

/** A match for an unknown word. */
export interface Near {
  word: string;
  distance: number;
}

/** Known words, searchable by edit distance. */
export class FuzzyDictionary {
  private readonly byDeletion = new Map<string, string[]>();

  /**
   * `words` maps each known word to how common it is (ties go to the commoner word). Words
   * shorter than `minLength` are only ever matched exactly.
   */
  constructor(
    private readonly words: ReadonlyMap<string, number>,
    private readonly minLength = 4,
  ) {
    for (const word of words.keys()) {
      if (word.length < minLength - 1) continue;
      const keys = new Set([word]);
      deletions(word, FuzzyDictionary.allowed(word), keys);
      for (const key of keys) {
        const list = this.byDeletion.get(key);
        if (list) list.push(word);
        else this.byDeletion.set(key, [word]);
      }
    }
  }

  /** Edits allowed for a word of this length: 1, or 2 from 8 letters on. */
  static allowed(word: string): number {
    return word.length >= 8 ? 2 : 1;
  }

  /** The closest known word within the allowed distance, if any. */
  nearest(query: string): Near | undefined {
    if (query.length < this.minLength) return undefined;
    const max = FuzzyDictionary.allowed(query);
    const keys = new Set([query]);
    deletions(query, max, keys);
    let best: Near | undefined;
    let bestFreq = -1;
    const seen = new Set<string>();
    for (const key of keys) {
      for (const word of this.byDeletion.get(key) ?? []) {
        if (seen.has(word) || word === query) continue;
        seen.add(word);
        const distance = editDistance(query, word, max);
        if (distance > max) continue;
        const freq = this.words.get(word) ?? 0;
        if (
          !best ||
          distance < best.distance ||
          (distance === best.distance &&
            (freq > bestFreq || (freq === bestFreq && word < best.word)))
        ) {
          best = { word, distance };
          bestFreq = freq;
        }
      }
    }
    return best;
  }
}
