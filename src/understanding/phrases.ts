/** Words of a text (`key`) and what they were replaced with (`out`). */
export interface Piece {
  readonly key: readonly string[];
  readonly out: readonly string[];
}

/**
 * A table from words or short phrases to replacement words, applied left to right with the
 * longest phrase winning: `tak ebejer` can mean something `tak` alone does not.
 */
export class PhraseMap {
  private readonly byFirst = new Map<string, { key: string[]; out: string[] }[]>();
  private readonly singles = new Map<string, string[]>();

  /** `entries` are [folded key words, folded replacement words]. */
  constructor(entries: Iterable<[string[], string[]]>) {
    for (const [key, out] of entries) {
      const first = key[0];
      if (first === undefined) continue;
      if (key.length === 1) this.singles.set(first, out);
      const list = this.byFirst.get(first) ?? [];
      list.push({ key, out });
      list.sort((a, b) => b.key.length - a.key.length);
      this.byFirst.set(first, list);
    }
  }

  /** The replacement of a single word, if the table has one. */
  get(word: string): string[] | undefined {
    return this.singles.get(word);
  }

  /** True when `word` starts some entry. */
  has(word: string): boolean {
    return this.byFirst.has(word);
  }

  /** Replaces every phrase the table knows; other words pass through. */
  apply(words: readonly string[]): string[] {
    return this.pieces(words).flatMap((p) => p.out);
  }

  /** Like {@link apply}, keeping which words (`key`) each replacement (`out`) came from. */
  pieces(words: readonly string[]): Piece[] {
    const out: Piece[] = [];
    for (let i = 0; i < words.length; ) {
      const candidates = this.byFirst.get(words[i] as string);
      const hit = candidates?.find((c) => c.key.every((k, j) => words[i + j] === k));
      if (hit) {
        out.push(hit);
        i += hit.key.length;
      } else {
        const word = words[i] as string;
        out.push({ key: [word], out: [word] });
        i++;
      }
    }
    return out;
  }
}
