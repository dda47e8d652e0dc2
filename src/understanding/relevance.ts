/**
 * How well a message matches a few documents given at the time of asking — the texts behind a
 * menu's options — so a question typed inside a topic finds the answer the topic gives. BM25
 * over just those documents: a word every answer shares ("biaya" in the costs menu) counts
 * little, a word only one answer has ("negara", which "malaysia" means) counts much.
 */

/** BM25 constants: usual values; the documents are short. */
const K1 = 1.2;
const B = 0.5;
/** Documents whose words are remembered (the menus' texts are few and fixed). */
const CACHE_LIMIT = 2000;
/**
 * Meanings that ask rather than say what about ("berapa", "cara"): "beberapa daerah" in one
 * answer must not make it the answer to "berapa biaya paspor".
 */
const ASKING = new Set(["berapa", "cara", "kapan", "mana", "dimana", "apa", "siapa", "kenapa"]);

/** Scores messages against documents, remembering each document's words. */
export class Relevance {
  private readonly cache = new Map<string, string[]>();

  /** `words` gives the words of a text that carry meaning, by meaning. */
  constructor(private readonly words: (text: string) => string[]) {}

  private wordsOf(document: string): string[] {
    let words = this.cache.get(document);
    if (!words) {
      words = this.words(document);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(document, words);
    }
    return words;
  }

  /** One score per document (0 when it shares no word with the message). */
  score(message: readonly string[], documents: readonly string[]): number[] {
    const docs = documents.map((d) => this.wordsOf(d));
    const n = docs.length;
    if (n === 0) return [];
    const avg = docs.reduce((sum, d) => sum + d.length, 0) / n || 1;
    const terms = [...new Set(message)].filter((w) => !ASKING.has(w));
    const counts = docs.map((d) => {
      const tf = new Map<string, number>();
      for (const w of d) tf.set(w, (tf.get(w) ?? 0) + 1);
      return tf;
    });
    const idf = new Map<string, number>();
    for (const t of terms) {
      const df = counts.filter((c) => c.has(t)).length;
      idf.set(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    }
    return counts.map((tf, i) => {
      const length = docs[i]?.length ?? 0;
      let total = 0;
      for (const t of terms) {
        const f = tf.get(t) ?? 0;
        if (f === 0) continue;
        total += ((idf.get(t) ?? 0) * f * (K1 + 1)) / (f + K1 * (1 - B + (B * length) / avg));
      }
      return total;
    });
  }
}
