/**
 * The matcher: free text in, a flow out. Text is normalized (normalize.ts), checked against
 * the danger rules first (danger.ts), then ranked by BM25 against the example phrases of
 * every flow (bm25.ts), with typo-tolerant words (fuzzy.ts). Example phrases of questions no
 * flow answers compete too, so "harga cabai" finds its own kind and is turned down.
 */
import type { ChoiceItem, Confidence, Understand, Understanding } from "../engine/deps.ts";
import type { Lang, Vars } from "../engine/types.ts";
import { Bm25Index, type QueryTerm } from "./bm25.ts";
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
/** Flows that read `what` and `country` from the first message. */
const REPORTING = new Set(["report", EMERGENCY]);
const MAX_ALTERNATIVES = 2;
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
  private readonly labels: string[] = [];
  private readonly docs: { label: string; lang: Lang; text: string }[] = [];
  private readonly fuzzy: FuzzyDictionary;
  private readonly markers: LanguageMarkers;
  private readonly danger: DangerRules;
  private readonly report: ReportReader;

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
    this.index = new Bm25Index(docTerms, data.matcher.bm25);
    this.danger = new DangerRules(data.danger, exact);
    this.report = new ReportReader(
      data.report,
      countries,
      exact,
      (text) => foldTokens(text, n.rules),
      (alias) => alias.length === 1 && n.lookup(alias[0] as string) !== undefined,
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
    this.fuzzy = new FuzzyDictionary(this.known);
    this.markers = markers(data.language, (w) => n.surfaceWords(w));
  }

  /** The root of a word (dipukul → pukul), mapped through the tables when they know it. */
  private root(word: string, known: boolean): string {
    const n = this.normalizer;
    // A known word is only cut down to another known word; an unknown one also to a word the
    // tables know (pasportnya → pasport → paspor).
    const isRoot = (r: string) => this.roots.has(r) || (!known && n.lookup(r) !== undefined);
    const stem = n.stem(word, isRoot, known);
    return stem !== word && !this.roots.has(stem) ? (n.lookup(stem) ?? stem) : stem;
  }

  private resolve(word: string): Resolved {
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
   * Matches one message. `lang` is the language the conversation is in (used only when the
   * text does not show its own); `exclude` leaves one example out (for cross-validation).
   */
  match(text: string, lang: Lang, exclude = -1): Match {
    const n = this.normalizer;
    const { surface, words } = this.analyze(text);
    const detected = detectLanguage(surface, this.markers);
    const plain = words.map((w) => w.word);
    const content = words.filter((w) => !n.stopwords.has(w.word));

    const query = new Map<string, number>();
    let denominator = 0;
    const maxIdf = this.index.maxIdf(exclude);
    const { unknown_weight, bigram_weight, second_example_weight } = this.data.matcher;
    for (const w of content) {
      if (query.has(w.word)) continue;
      if (w.known && this.index.has(w.word, exclude)) {
        query.set(w.word, w.weight);
        denominator += w.weight * this.index.idf(w.word, exclude);
      } else {
        query.set(w.word, 0);
        denominator += unknown_weight * maxIdf;
      }
    }
    for (let i = 1; i < content.length; i++) {
      const a = content[i - 1] as Resolved;
      const b = content[i] as Resolved;
      const pair = `${a.word} ${b.word}`;
      if (query.has(pair) || !this.index.has(pair, exclude)) continue;
      const weight = bigram_weight * Math.min(a.weight, b.weight);
      query.set(pair, weight);
      denominator += weight * this.index.idf(pair, exclude);
    }
    const terms: QueryTerm[] = [...query]
      .filter(([, weight]) => weight > 0)
      .map(([term, weight]) => ({ term, weight }));
    const scores = this.index.score(terms, exclude);

    const best = new Map<string, [number, number]>();
    for (const label of this.labels) best.set(label, [0, 0]);
    scores.forEach((s, doc) => {
      const top = best.get((this.docs[doc] as { label: string }).label) as [number, number];
      if (s > top[0]) {
        top[1] = top[0];
        top[0] = s;
      } else if (s > top[1]) top[1] = s;
    });
    const ranked: Ranked[] = [...best]
      .map(([flow, [first, second]]) => ({
        flow,
        score: denominator > 0 ? Math.min(1, first / denominator) : 0,
        rank: first + second_example_weight * second,
      }))
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
        const what = danger?.what ?? this.report.whatHappened(plain);
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
    if (!top || top.rank <= 0 || denominator <= 0) return result(null, "low", 0, []);
    if (top.flow === OUT_OF_SCOPE) return result(null, "low", inScope[0]?.score ?? 0, []);
    const second = ranked[1];
    const margin = second ? (top.rank - second.rank) / top.rank : 1;
    const { high, high_margin, medium } = this.data.matcher.confidence;
    const alternatives = alternativesTo(top.flow, top.rank);
    if (top.score >= high && margin >= high_margin) {
      return result(top.flow, "high", top.score, alternatives);
    }
    if (top.score >= medium) return result(top.flow, "medium", top.score, alternatives);
    return result(null, "low", top.score, []);
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
