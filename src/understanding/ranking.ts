/**
 * Ranks the labels (flows, and "out of scope") for a message's words. Each label's score
 * (0–1) mixes two BM25 views: how much of the message its closest examples cover, and how
 * much its vocabulary as a whole covers, with words weighed by how few labels use them.
 */
import { Bm25Index, LabelIndex, type Minus, type QueryTerm } from "./bm25.ts";
import type { MatcherFile } from "./data.ts";
import type { Resolved } from "./vocabulary.ts";

/** One label's standing for a message. */
export interface Ranked {
  flow: string;
  /** 0–1: the share of the message the label covers. */
  score: number;
}

/** The examples, indexed for ranking. */
export class Ranking {
  private readonly index: Bm25Index;
  private readonly labelIndex: LabelIndex;
  /** The label (index into `labels`) of each example. */
  private readonly labelOf: number[];

  /** `examples` are the index terms and label of each example phrase. */
  constructor(
    readonly labels: readonly string[],
    private readonly examples: readonly { terms: string[]; label: string }[],
    private readonly tunables: MatcherFile,
  ) {
    this.labelOf = examples.map((e) => labels.indexOf(e.label));
    this.index = new Bm25Index(
      examples.map((e) => e.terms),
      tunables.bm25,
    );
    this.labelIndex = new LabelIndex(
      labels.map((_, i) =>
        examples.filter((_, doc) => this.labelOf[doc] === i).flatMap((e) => e.terms),
      ),
      tunables.label_bm25,
    );
  }

  /** How many examples use `term` (a word, or two words with a space). */
  df(term: string): number {
    return this.index.df(term);
  }

  /**
   * Every label, best first, for the message's content words (stop words and numbers
   * already removed). `exclude` leaves one example out, as if it had never been written.
   */
  rank(content: readonly Resolved[], exclude = -1): Ranked[] {
    const { unknown_weight, bigram_weight, second_example_weight, label_weight } = this.tunables;
    const minus = exclude >= 0 ? this.minus(exclude) : undefined;

    // Query terms: each word once, and each pair of neighbouring words the examples have.
    const query: QueryTerm[] = [];
    const seen = new Set<string>();
    let unknown = 0;
    for (const w of content) {
      if (seen.has(w.word)) continue;
      seen.add(w.word);
      if (w.known && this.index.has(w.word, exclude))
        query.push({ term: w.word, weight: w.weight });
      else unknown++;
    }
    for (let i = 1; i < content.length; i++) {
      const a = content[i - 1] as Resolved;
      const b = content[i] as Resolved;
      const pair = `${a.word} ${b.word}`;
      if (seen.has(pair) || !this.index.has(pair, exclude)) continue;
      seen.add(pair);
      query.push({ term: pair, weight: bigram_weight * Math.min(a.weight, b.weight) });
    }
    // The most each index could give this query: a label's score is the share it gets.
    let exampleMax = unknown * unknown_weight * this.index.maxIdf(exclude);
    let labelMax = unknown * unknown_weight * this.labelIndex.ceiling("\u0000");
    for (const { term, weight } of query) {
      exampleMax += weight * this.index.idf(term, exclude);
      labelMax += weight * this.labelIndex.ceiling(term, minus);
    }

    // Per label, its best and second-best example.
    const best = this.labels.map(() => [0, 0] as [number, number]);
    const scores = this.index.score(query, exclude);
    for (let doc = 0; doc < scores.length; doc++) {
      const s = scores[doc] as number;
      if (s <= 0) continue;
      const top = best[this.labelOf[doc] as number] as [number, number];
      if (s > top[0]) {
        top[1] = top[0];
        top[0] = s;
      } else if (s > top[1]) top[1] = s;
    }
    const byLabel = this.labelIndex.score(query, minus);
    const share = (x: number, max: number) => (max > 0 ? Math.min(1, x / max) : 0);
    return this.labels
      .map((flow, i) => {
        const [first, second] = best[i] as [number, number];
        const examples = share(
          first + second_example_weight * second,
          exampleMax * (1 + second_example_weight),
        );
        const vocabulary = share(byLabel[i] as number, labelMax);
        return { flow, score: (1 - label_weight) * examples + label_weight * vocabulary };
      })
      .sort((a, b) => b.score - a.score || a.flow.localeCompare(b.flow));
  }

  /** One example's terms, to take out of its label's document. */
  private minus(doc: number): Minus {
    const terms = new Map<string, number>();
    const list = this.examples[doc]?.terms ?? [];
    for (const t of list) terms.set(t, (terms.get(t) ?? 0) + 1);
    return { label: this.labelOf[doc] as number, terms, length: list.length };
  }
}
