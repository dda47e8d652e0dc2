/**
 * The matcher: free text in, a flow out. Text is normalized (normalize.ts), checked against
 * the danger rules first (danger.ts), then ranked by BM25 against the example phrases of
 * every flow (bm25.ts), with typo-tolerant words (fuzzy.ts). Example phrases of questions no
 * flow answers compete too, so "harga cabai" finds its own kind and is turned down.
 */
import type { ChoiceItem, Confidence, Understand, Understanding } from "../engine/deps.ts";
import type { Lang, Vars } from "../engine/types.ts";
import { Bm25Index, LabelIndex, type Minus, type QueryTerm } from "./bm25.ts";
import { DangerRules } from "./danger.ts";
import { OUT_OF_SCOPE, type UnderstandingData } from "./data.ts";
import { foldTokens } from "./fold.ts";
import { FuzzyDictionary } from "./fuzzy.ts";
import { detectLanguage, type LanguageMarkers, markers } from "./language.ts";
import { Normalizer } from "./normalize.ts";
import { ReportReader } from "./report-vars.ts";

/** Longest message kept in `intent_text`. */
export const MAX_INTENT_TEXT = 500;
/** The flow danger words lead to. */
export const EMERGENCY = "emergency";
/** The flow for a message of small words only ("permisi, mau tanya"). */
const MENU = "menu";
/** Flows that read `what` and `country` from the first message. */
const REPORTING = new Set(["report", EMERGENCY]);
const MAX_ALTERNATIVES = 2;
/** Shortest affix-stripped root that may be looked up in the tables. */
const MIN_LOOKUP_ROOT = 5;
/** … or, when only a possessive ending came off (adikku → adik), this short. */
const MIN_CLITIC_ROOT = 3;
const NUMBER = /^\d+$/;
/** Resolved words remembered (the cache is emptied when full). */
const RESOLVED_CACHE = 20_000;
/** Shorter words are only matched exactly: "suka" is not a typo of "buka". */
const MIN_FUZZY_LENGTH = 5;
/** A runner-up is offered when it scores at least this share of the best flow. */
const ALTERNATIVE_SHARE = 0.5;

/** One flow's standing for a message. */
export interface Ranked {
  flow: string;
  /** How much of the message its best example covers, 0–1. */
  score: number;
  /** The ranking value (best example plus a share of the second). */
  rank: number;
}

/** The matcher's full answer, for the command line and the evaluation. */
export interface Match extends Understanding {
  /** The confidence score of the answer, 0–1 (1 for a danger rule). */
  score: number;
  /** Every label, best first (including out of scope). */
  ranked: Ranked[];
  /** The danger rule that fired, if any. */
  danger: string | undefined;
}

interface Resolved {
  word: string;
  weight: number;
  /** False for words no example, table or rule knows. */
  known: boolean;
}

/** A message broken into the words the matcher compares. */
export interface Analysis {
  surface: string[];
  words: Resolved[];
}

/** Builds the matcher from the understanding data and the country list. */
export class Matcher {
  readonly normalizer: Normalizer;
  private readonly roots = new Set<string>();
  private readonly known = new Map<string, number>();
  private readonly index: Bm25Index;
  private readonly labelIndex: LabelIndex;
  private readonly docTerms: string[][];
  /** The label (index into `labels`) of each example. */
  private readonly labelOf: number[];
  private readonly labels: string[] = [];
  private readonly docs: { label: string; lang: Lang; text: string }[] = [];
  private readonly fuzzy: FuzzyDictionary;
  private readonly markers: LanguageMarkers;
  private readonly danger: DangerRules;
  private readonly report: ReportReader;
  private readonly resolved = new Map<string, Resolved>();

  constructor(
    private readonly data: UnderstandingData,
    countries: readonly ChoiceItem[],
  ) {
    const n = new Normalizer(data.normalize, data.concepts);
    this.normalizer = n;
    const meaning = (text: string) => n.meaning(n.surfaceWords(text));

    for (const intent of data.intents) {
      for (const lang of ["id", "mad"] as const) {
        for (const text of intent[lang]) this.docs.push({ label: intent.flow, lang, text });
      }
      if (!this.labels.includes(intent.flow)) this.labels.push(intent.flow);
    }
    const ruleEntries = [
      ...data.danger.rules.flatMap((r) => [...(r.any ?? []), ...(r.all ?? []).flat()]),
      ...data.report.what.flatMap((r) => [...(r.any ?? []), ...(r.all ?? []).flat()]),
    ];
    for (const text of [...this.docs.map((d) => d.text), ...ruleEntries]) {
      for (const w of meaning(text)) if (!n.stopwords.has(w)) this.roots.add(w);
    }
    for (const name of Object.keys(data.concepts)) this.roots.add(name);

    const exact = (text: string) => meaning(text).map((w) => this.root(w, this.roots.has(w)));
    const docTerms = this.docs.map((d) => terms(exact(d.text).filter((w) => !n.stopwords.has(w))));
    this.docTerms = docTerms;
    this.index = new Bm25Index(docTerms, data.matcher.bm25);
    this.labelOf = this.docs.map((d) => this.labels.indexOf(d.label));
    this.labelIndex = new LabelIndex(
      this.labels.map((_, i) => docTerms.filter((_, doc) => this.labelOf[doc] === i).flat()),
      data.matcher.label_bm25,
    );
    this.danger = new DangerRules(data.danger, exact);
    this.report = new ReportReader(
      data.report,
      countries,
      exact,
      (text) => foldTokens(text, n.rules),
      (alias) => alias.length === 1 && n.isAbbreviation(alias[0] as string),
    );
    for (const t of docTerms.flat()) if (!t.includes(" ")) this.known.set(t, this.index.df(t));
    for (const w of [
      ...n.stopwords,
      ...Object.keys(data.concepts),
      ...this.danger.vocabulary(),
      ...this.report.vocabulary(),
    ]) {
      if (!this.known.has(w)) this.known.set(w, 0);
    }
    this.fuzzy = new FuzzyDictionary(this.known, MIN_FUZZY_LENGTH);
    this.markers = markers(data.language, (w) => n.surfaceWords(w));
  }

  /** The root of a word (dipukul → pukul), mapped through the tables when they know it. */
  private root(word: string, known: boolean): string {
    const n = this.normalizer;
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

  /** Resolves a word, remembering the answer (words repeat across messages). */
  private resolve(word: string): Resolved {
    const cached = this.resolved.get(word);
    if (cached) return cached;
    if (this.resolved.size >= RESOLVED_CACHE) this.resolved.clear();
    const resolved = this.resolveNew(word);
    this.resolved.set(word, resolved);
    return resolved;
  }

  private resolveNew(word: string): Resolved {
    const n = this.normalizer;
    if (n.fixed.has(word)) return { word, weight: 1, known: true };
    const root = this.root(word, this.roots.has(word));
    if (this.known.has(root)) return { word: root, weight: 1, known: true };
    const near = this.fuzzy.nearest(word) ?? (root !== word ? this.fuzzy.nearest(root) : undefined);
    if (near) {
      const { one, two } = this.data.matcher.fuzzy_weight;
      return { word: near.word, weight: near.distance === 1 ? one : two, known: true };
    }
    return { word: root, weight: 1, known: false };
  }

  /** Breaks a message into surface words (for the language) and resolved words. */
  analyze(text: string): Analysis {
    const n = this.normalizer;
    const surface = n.surfaceWords(text.slice(0, MAX_INTENT_TEXT));
    return { surface, words: n.meaning(surface).map((w) => this.resolve(w)) };
  }

  /**
   * Matches one message. `lang` is the language the conversation is in (the text's own
   * language is detected; undefined when unclear). `exclude` leaves one example out, as if it
   * had never been written (cross-validation).
   */
  match(text: string, lang: Lang, exclude = -1): Match {
    const n = this.normalizer;
    const { surface, words } = this.analyze(text);
    const detected = detectLanguage(surface, this.markers);
    const plain = words.map((w) => w.word);
    // Numbers (4 bulan, 15 juta, 129) say nothing about the topic.
    const content = words.filter((w) => !n.stopwords.has(w.word) && !NUMBER.test(w.word));
    const minus = exclude >= 0 ? this.minus(exclude) : undefined;
    const { unknown_weight, bigram_weight, second_example_weight, label_weight } =
      this.data.matcher;

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
    // The most each index could give this query: coverage is the share of it a flow gets.
    let exampleMax = unknown * unknown_weight * this.index.maxIdf(exclude);
    let labelMax = unknown * unknown_weight * this.labelIndex.ceiling("\u0000");
    for (const { term, weight } of query) {
      exampleMax += weight * this.index.idf(term, exclude);
      labelMax += weight * this.labelIndex.ceiling(term, minus);
    }

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
    const ranked: Ranked[] = this.labels
      .map((flow, i) => {
        const [first, second] = best[i] as [number, number];
        const example = share(
          first + second_example_weight * second,
          exampleMax * (1 + second_example_weight),
        );
        const score =
          (1 - label_weight) * example + label_weight * share(byLabel[i] as number, labelMax);
        return { flow, score, rank: score };
      })
      .sort((a, b) => b.rank - a.rank || a.flow.localeCompare(b.flow));

    const inScope = ranked.filter((r) => r.flow !== OUT_OF_SCOPE);
    const danger = this.danger.check(plain);
    const vars: Vars = { intent_text: text.trim().slice(0, MAX_INTENT_TEXT) };
    const result = (
      flow: string | null,
      confidence: Confidence,
      score: number,
      alternatives: string[],
    ): Match => {
      if (flow && REPORTING.has(flow)) {
        // A danger rule says what happened itself (or, for self-harm, nothing).
        const what = danger ? danger.what : this.report.whatHappened(plain);
        if (what) vars.what = what;
        const country = this.report.country(text.slice(0, MAX_INTENT_TEXT));
        if (country) vars.country = country;
      }
      return {
        flow,
        confidence,
        alternatives,
        lang: detected,
        vars,
        score: Math.round(score * 1000) / 1000,
        ranked,
        danger: danger?.name,
      };
    };
    void lang;

    const top = ranked[0];
    const alternativesTo = (flow: string, rank: number) =>
      inScope
        .filter((r) => r.flow !== flow && r.rank > 0 && r.rank >= ALTERNATIVE_SHARE * rank)
        .slice(0, MAX_ALTERNATIVES)
        .map((r) => r.flow);
    if (danger) return result(EMERGENCY, "high", 1, alternativesTo(EMERGENCY, top?.rank ?? 0));
    // Only small words ("permisi, mau tanya", "min?"): the menu is the answer.
    if (content.length === 0)
      return words.length > 0 ? result(MENU, "high", 1, []) : result(null, "low", 0, []);
    if (!top || top.rank <= 0) return result(null, "low", 0, []);
    const outOfScope = ranked.find((r) => r.flow === OUT_OF_SCOPE)?.rank ?? 0;
    const { high, high_margin, clear_margin, medium, out_of_scope_share } =
      this.data.matcher.confidence;
    if (top.flow === OUT_OF_SCOPE || outOfScope > out_of_scope_share * top.rank) {
      return result(null, "low", inScope[0]?.score ?? 0, []);
    }
    const second = ranked[1];
    const margin = second ? (top.rank - second.rank) / top.rank : 1;
    const alternatives = alternativesTo(top.flow, top.rank);
    if (
      (top.score >= high && margin >= high_margin) ||
      (top.score >= medium && margin >= clear_margin)
    ) {
      return result(top.flow, "high", top.score, alternatives);
    }
    if (top.score >= medium) return result(top.flow, "medium", top.score, alternatives);
    return result(null, "low", top.score, []);
  }

  /** One example's terms, to take out of its flow's document (cross-validation). */
  private minus(doc: number): Minus {
    const terms = new Map<string, number>();
    const list = this.docTerms[doc] ?? [];
    for (const t of list) terms.set(t, (terms.get(t) ?? 0) + 1);
    return { label: this.labelOf[doc] as number, terms, length: list.length };
  }

  /** The engine's view: {@link Understand}. */
  readonly understand: Understand = (text, lang) => {
    const { flow, confidence, alternatives, lang: detected, vars } = this.match(text, lang);
    return { flow, confidence, alternatives, lang: detected, vars };
  };

  /** Number of example phrases, per label and language (for checks and the evaluation). */
  examples(): { label: string; lang: Lang; text: string }[] {
    return this.docs;
  }
}

/** Index terms of a word list: the words and each pair of neighbours. */
function terms(words: readonly string[]): string[] {
  const out = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}
