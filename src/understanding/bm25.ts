/**
 * Okapi BM25 over short example phrases: each example is a document, and a message is scored
 * against all of them at once through posting lists. Terms are words and word pairs.
 */

/** A weighted query term. */
export interface QueryTerm {
  term: string;
  weight: number;
}

interface Posting {
  doc: number;
  tf: number;
}

/** The BM25 parameters: `k1` (term-frequency saturation) and `b` (length normalization). */
export interface Bm25Params {
  k1: number;
  b: number;
}

/** An inverted index of documents given as lists of terms. */
export class Bm25Index {
  private readonly postings = new Map<string, Posting[]>();
  private readonly lengths: number[];
  private readonly avgLength: number;
  readonly size: number;

  constructor(
    docs: readonly (readonly string[])[],
    private readonly params: Bm25Params,
  ) {
    this.size = docs.length;
    this.lengths = docs.map((d) => Math.max(1, d.length));
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, docs.length);
    docs.forEach((terms, doc) => {
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [term, tf] of counts) {
        const list = this.postings.get(term);
        if (list) list.push({ doc, tf });
        else this.postings.set(term, [{ doc, tf }]);
      }
    });
  }

  /** Number of documents containing `term`, not counting `exclude`. */
  df(term: string, exclude = -1): number {
    const list = this.postings.get(term);
    if (!list) return 0;
    return exclude >= 0 && list.some((p) => p.doc === exclude) ? list.length - 1 : list.length;
  }

  /** True when some document (other than `exclude`) contains `term`. */
  has(term: string, exclude = -1): boolean {
    return this.df(term, exclude) > 0;
  }

  /** Inverse document frequency (never negative). */
  idf(term: string, exclude = -1): number {
    const n = exclude >= 0 ? this.size - 1 : this.size;
    const df = this.df(term, exclude);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The idf of a term no document contains: the most a single word can weigh. */
  maxIdf(exclude = -1): number {
    return this.idf("\u0000", exclude);
  }

  /** BM25 score of every document for the query (index = document number). */
  score(query: readonly QueryTerm[], exclude = -1): Float64Array {
    const scores = new Float64Array(this.size);
    const { k1, b } = this.params;
    for (const { term, weight } of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term, exclude);
      for (const { doc, tf } of list) {
        if (doc === exclude) continue;
        const norm = k1 * (1 - b + (b * (this.lengths[doc] as number)) / this.avgLength);
        scores[doc] = (scores[doc] as number) + (weight * idf * (tf * (k1 + 1))) / (tf + norm);
      }
    }
    return scores;
  }
}

/**
 * BM25 over one document per label (all of a flow's examples together): it rewards a word by
 * how few flows use it, so a word spread over many flows ("cara", "bisa") decides little and
 * a flow's vocabulary as a whole counts, not just its single closest example.
 */
export class LabelIndex {
  private readonly tf: Map<string, number>[];
  private readonly lengths: number[];
  private readonly avgLength: number;
  private readonly dfs = new Map<string, number>();

  constructor(
    docs: readonly (readonly string[])[],
    private readonly params: Bm25Params,
  ) {
    this.tf = docs.map((terms) => {
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      return counts;
    });
    for (const counts of this.tf)
      for (const t of counts.keys()) this.dfs.set(t, (this.dfs.get(t) ?? 0) + 1);
    this.lengths = docs.map((d) => Math.max(1, d.length));
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, docs.length);
  }

  private count(label: number, term: string, minus?: Minus): number {
    const n = this.tf[label]?.get(term) ?? 0;
    return minus && minus.label === label ? n - (minus.terms.get(term) ?? 0) : n;
  }

  /** Number of labels using `term` (after taking `minus` away). */
  df(term: string, minus?: Minus): number {
    const df = this.dfs.get(term) ?? 0;
    if (
      minus &&
      df > 0 &&
      (minus.terms.get(term) ?? 0) > 0 &&
      this.count(minus.label, term, minus) <= 0
    ) {
      return df - 1;
    }
    return df;
  }

  /** Inverse label frequency. */
  idf(term: string, minus?: Minus): number {
    const df = this.df(term, minus);
    return Math.log(1 + (this.tf.length - df + 0.5) / (df + 0.5));
  }

  /** The most a term can add to a label's score (its idf times the saturation limit). */
  ceiling(term: string, minus?: Minus): number {
    return this.idf(term, minus) * (this.params.k1 + 1);
  }

  /** Score of every label; `minus` takes one example's terms out of its label (cross-validation). */
  score(query: readonly QueryTerm[], minus?: Minus): Float64Array {
    const { k1, b } = this.params;
    const scores = new Float64Array(this.tf.length);
    for (const { term, weight } of query) {
      const idf = this.idf(term, minus);
      for (let label = 0; label < this.tf.length; label++) {
        const tf = this.count(label, term, minus);
        if (tf <= 0) continue;
        const length =
          (this.lengths[label] as number) - (minus?.label === label ? minus.length : 0);
        const norm = k1 * (1 - b + (b * length) / this.avgLength);
        scores[label] = (scores[label] as number) + (weight * idf * (tf * (k1 + 1))) / (tf + norm);
      }
    }
    return scores;
  }
}

/** One example's terms, taken out of its label's document. */
export interface Minus {
  label: number;
  terms: ReadonlyMap<string, number>;
  length: number;
}
