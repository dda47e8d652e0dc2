/**
 * The matcher: free text in, a flow out. Text is normalized (normalize.ts) and its words
 * resolved (vocabulary.ts); danger rules are checked first (danger.ts); then the flows are
 * ranked against their example phrases (ranking.ts). Example phrases of questions no flow
 * answers compete too, so "harga cabai" finds its own kind and is turned down.
 */
import type {
  ChoiceItem,
  Confidence,
  Understand,
  Understanding,
  WordSense,
} from "../engine/deps.ts";
import type { Lang, Vars } from "../engine/types.ts";
import { type DangerHit, DangerRules } from "./danger.ts";
import { OUT_OF_SCOPE, type UnderstandingData } from "./data.ts";
import { foldTokens } from "./fold.ts";
import { detectLanguage, type LanguageMarkers, markers } from "./language.ts";
import { Normalizer } from "./normalize.ts";
import { type Ranked, Ranking } from "./ranking.ts";
import { Relevance } from "./relevance.ts";
import { ReportReader } from "./report-vars.ts";
import { RouteRules } from "./routes.ts";
import { type Resolved, Vocabulary } from "./vocabulary.ts";

/** Longest message kept in `intent_text` (and read at all). */
export const MAX_INTENT_TEXT = 500;
/** The flow danger words lead to. */
export const EMERGENCY = "emergency";
/** The flow self-harm rules lead to; like emergency, never started by ranking alone. */
const CRISIS = "crisis";
/** The flow for a message of small words only ("permisi, mau tanya"). */
const MENU = "menu";
/** Flows that read `what` and `country` from the first message. */
const REPORTING = new Set(["report", EMERGENCY]);
/** What happened that means someone is hurting the person (see `vars`). */
const HURT = new Set(["violence", "detained"]);
const MAX_ALTERNATIVES = 2;
/** A runner-up is offered when it scores at least this share of the best flow. */
const ALTERNATIVE_SHARE = 0.5;
const NUMBER = /^\d+$/;
/** Flows that read what the first message names: a company, a case reference. */
const AGENCY_CHECK = "agency_check";
const CASE_STATUS = "case_status";
/** A case reference as typed (JR-7Q3K, jr7q3k), as the `cek` command reads it. */
const CASE_REF = /\bjr-?[2-9a-z]{4,6}\b/i;
/** The concept a case reference stands for (concepts.yaml). */
const CASE_REF_WORD = "kode";
/** The word that stands for any number in the rules. */
const NUM = "num";
/** The concept every named country and region means ("malaysia", "hong kong" → "negara"). */
const PLACE = "negara";

export type { Ranked } from "./ranking.ts";

/** The matcher's full answer, for the command line and the evaluation. */
export interface Match extends Understanding {
  /** The confidence score of the answer, 0–1 (1 for a danger rule). */
  score: number;
  /** Every label, best first (including out of scope). */
  ranked: Ranked[];
  /** The danger rule that fired, if any. */
  danger: string | undefined;
}

/** A message broken into the words the matcher compares. */
export interface Analysis {
  /** Folded words, abbreviations expanded, Madurese spellings made one (for the language). */
  surface: string[];
  /** Every word resolved, stop words included (for the rules). */
  words: Resolved[];
}

/** One example phrase. */
export interface Example {
  label: string;
  lang: Lang;
  text: string;
}

/** Builds the matcher from the understanding data and the country list. */
export class Matcher {
  readonly normalizer: Normalizer;
  private readonly vocabulary: Vocabulary;
  private readonly ranking: Ranking;
  private readonly docs: Example[] = [];
  private readonly markers: LanguageMarkers;
  private readonly danger: DangerRules;
  private readonly report: ReportReader;
  private readonly routes: RouteRules;

  constructor(
    private readonly data: UnderstandingData,
    countries: readonly ChoiceItem[],
  ) {
    const n = new Normalizer(data.normalize, data.concepts);
    this.normalizer = n;
    const meaning = (text: string) => n.meaning(n.surfaceWords(text));

    const labels: string[] = [];
    for (const intent of data.intents) {
      for (const lang of ["id", "mad"] as const) {
        for (const text of intent[lang]) this.docs.push({ label: intent.flow, lang, text });
      }
      if (!labels.includes(intent.flow)) labels.push(intent.flow);
    }

    // Roots: what affixes may cut a word down to — any word of the examples, rules or tables.
    const ruleEntries = [
      ...data.danger.rules.flatMap((r) => [...(r.any ?? []), ...(r.all ?? []).flat()]),
      ...data.report.what.flatMap((r) => [...(r.any ?? []), ...(r.all ?? []).flat()]),
      ...data.routes.rules.flatMap((r) => [...(r.any ?? []), ...(r.all ?? []).flat()]),
      // Words of `unless` too, so that their inflected forms are recognised (baterainya).
      ...data.danger.rules.flatMap((r) => r.unless ?? []),
      ...data.routes.rules.flatMap((r) => r.unless ?? []),
    ];
    const roots = new Set<string>(Object.keys(data.concepts));
    for (const text of [...this.docs.map((d) => d.text), ...ruleEntries]) {
      for (const w of meaning(text)) if (!n.stopwords.has(w)) roots.add(w);
    }
    const known = new Map<string, number>();
    const rootsOnly = new Vocabulary(n, roots, known, data.matcher.fuzzy_weight);
    const exact = (text: string) => meaning(text).map((w) => rootsOnly.root(w));

    const examples = this.docs.map((d) => ({
      label: d.label,
      terms: terms(exact(d.text).filter((w) => !n.stopwords.has(w))),
    }));
    this.ranking = new Ranking(labels, examples, data.matcher);
    this.danger = new DangerRules(data.danger, exact);
    this.routes = new RouteRules(data.routes, exact);
    this.report = new ReportReader(
      data.report,
      countries,
      exact,
      (text) => foldTokens(text, n.rules),
      (alias) => alias.length === 1 && n.isAbbreviation(alias[0] as string),
    );

    // Known: the words worth resolving a typo to, each with how common it is.
    for (const e of examples) {
      for (const t of e.terms) if (!t.includes(" ")) known.set(t, this.ranking.df(t));
    }
    for (const w of [
      ...n.stopwords,
      ...Object.keys(data.concepts),
      ...this.danger.vocabulary(),
      ...this.routes.vocabulary(),
      ...this.report.vocabulary(),
    ]) {
      if (!known.has(w)) known.set(w, 0);
    }
    this.vocabulary = new Vocabulary(n, roots, known, data.matcher.fuzzy_weight);
    this.markers = markers(data.language, (w) => n.surfaceWords(w));
  }

  /** Breaks a message into surface words (for the language) and resolved words. */
  analyze(text: string): Analysis {
    const n = this.normalizer;
    const surface = n.surfaceWords(text.slice(0, MAX_INTENT_TEXT));
    return { surface, words: n.meaning(surface).map((w) => this.vocabulary.resolve(w)) };
  }

  /**
   * Matches one message. `exclude` leaves one example out, as if it had never been written
   * (cross-validation).
   */
  match(text: string, exclude = -1): Match {
    const n = this.normalizer;
    const { surface, words } = this.analyze(text);
    const plain = words.map((w) => w.word);
    // Numbers (4 bulan, 15 juta, 129) say nothing about the topic.
    const content = words.filter((w) => !n.stopwords.has(w.word) && !NUMBER.test(w.word));
    const ranked = this.ranking.rank(content, exclude);
    // The rules' `num` stands for any number: "3 hari", "tello are".
    const ruleWords = plain.map((w) => (n.isNumber(w) ? NUM : w));
    // A case reference typed in one piece (jr7q3k) reads as the word for one.
    if (CASE_REF.test(text)) ruleWords.push(CASE_REF_WORD);
    const danger = this.danger.check(ruleWords);
    const agency = this.routes.agencyName(text.slice(0, MAX_INTENT_TEXT));

    const answer = (
      flow: string | null,
      confidence: Confidence,
      score: number,
      alternatives: string[] = [],
    ): Match => ({
      flow,
      confidence,
      alternatives,
      lang: detectLanguage(surface, this.markers),
      vars: this.vars(text, flow, plain, danger, agency),
      score: Math.round(score * 1000) / 1000,
      ranked,
      danger: danger?.name,
    });

    const inScope = ranked.filter((r) => r.flow !== OUT_OF_SCOPE);
    const top = ranked[0];
    const alternativesTo = (flow: string, score: number) =>
      inScope
        .filter((r) => r.flow !== flow && r.score > 0 && r.score >= ALTERNATIVE_SHARE * score)
        .slice(0, MAX_ALTERNATIVES)
        .map((r) => r.flow);

    if (danger) {
      const flow = danger.flow;
      return answer(flow, "high", 1, alternativesTo(flow, top?.score ?? 0));
    }
    const routed = this.routes.check(ruleWords, agency !== undefined);
    if (routed) return answer(routed, "high", 1, alternativesTo(routed, top?.score ?? 0));
    // Only small words ("permisi, mau tanya", "min?"): the menu is the answer.
    if (content.length === 0)
      return words.length > 0 ? answer(MENU, "high", 1) : answer(null, "low", 0);
    if (!top || top.score <= 0) return answer(null, "low", 0);
    const { high, high_margin, clear_margin, medium, out_of_scope_share } =
      this.data.matcher.confidence;
    const outOfScope = ranked.find((r) => r.flow === OUT_OF_SCOPE)?.score ?? 0;
    if (top.flow === OUT_OF_SCOPE || outOfScope > out_of_scope_share * top.score) {
      return answer(null, "low", inScope[0]?.score ?? 0);
    }
    const margin = (top.score - (ranked[1]?.score ?? 0)) / top.score;
    const alternatives = alternativesTo(top.flow, top.score);
    // Only a danger rule starts the emergency or crisis flow at once: ranking alone ("hp
    // sengkok mate", "capek mare alako") may at most offer it, so everyday words never alarm.
    const alarm = top.flow === EMERGENCY || top.flow === CRISIS;
    if (
      !alarm &&
      ((top.score >= high && margin >= high_margin) ||
        (top.score >= medium && margin >= clear_margin))
    ) {
      return answer(top.flow, "high", top.score, alternatives);
    }
    if (top.score >= medium) return answer(top.flow, "medium", top.score, alternatives);
    return answer(null, "low", top.score);
  }

  /**
   * What the message gives the flow: the message itself, and for a report what happened and
   * the `country`, when the message says so; after a danger rule, `where` the person is.
   */
  private vars(
    text: string,
    flow: string | null,
    words: string[],
    danger: DangerHit | undefined,
    agency: string | undefined,
  ): Vars {
    const vars: Vars = { intent_text: text.trim().slice(0, MAX_INTENT_TEXT) };
    if (flow === AGENCY_CHECK && agency) vars.agency_name = agency;
    if (flow === CASE_STATUS) {
      const ref = CASE_REF.exec(text)?.[0];
      if (ref) vars.case_query = ref;
    }
    if (!flow || !(REPORTING.has(flow) || danger)) return vars;
    // A danger rule says what happened itself (or, for self-harm, nothing), and the staff
    // card shows which rule it was, so that the office can see which rule needs work.
    if (danger) vars.danger_rule = danger.name;
    const what = danger ? danger.what : this.report.whatHappened(words);
    if (what) vars.what = what;
    // Self-harm words and someone hurting them in one message: the crisis flow shows the
    // emergency numbers too.
    if (danger && !danger.what && HURT.has(this.report.whatHappened(words) ?? "")) vars.hurt = true;
    const country = this.report.country(text.slice(0, MAX_INTENT_TEXT));
    // Danger: where the person in danger is now (the emergency and crisis flows' `where`).
    if (country) vars[danger ? "where" : "country"] = country;
    return vars;
  }

  /** The engine's view: {@link Understand}. */
  readonly understand: Understand = (text) => {
    const { flow, confidence, alternatives, lang, vars, danger } = this.match(text);
    return {
      flow,
      confidence,
      alternatives,
      lang,
      vars,
      danger,
      ...(danger ? { urgent: true } : {}),
    };
  };

  /** The engine's view of word meanings: {@link WordSense}. */
  readonly sense: WordSense = {
    words: (text) => this.contentWords(text),
    relevance: (text, documents) => this.relevance.score(this.placeWords(text, true), documents),
  };

  private readonly relevance = new Relevance((text) => this.placeWords(text, false));

  /**
   * The content words of a text for relevance, where a named place is itself
   * ("negara:taiwan"): an answer that names Hong Kong and Taiwan is about those places, not
   * about any country, while one that says "negara" is. A question (`asking`) naming a place
   * also asks about a country in general, so it keeps the kind word too: "biaya ke malaysia"
   * matches "tergantung negara" and an answer about Malaysia, not a note about Taiwan.
   */
  private placeWords(text: string, asking: boolean): string[] {
    const n = this.normalizer;
    const stop = n.stopwords;
    const out: string[] = [];
    for (const piece of n.meaningPieces(n.surfaceWords(text.slice(0, MAX_INTENT_TEXT)))) {
      const place =
        piece.out.length === 1 && piece.out[0] === PLACE
          ? this.report.country(piece.key.join(" "))
          : undefined;
      if (place) {
        out.push(`${PLACE}:${place}`);
        if (asking) out.push(PLACE);
        continue;
      }
      for (const word of piece.out) {
        const resolved = this.vocabulary.resolve(word).word;
        if (!stop.has(resolved) && !NUMBER.test(resolved)) out.push(resolved);
      }
    }
    return out;
  }

  /** The words of a text that carry meaning (no small words, no numbers), by meaning. */
  contentWords(text: string): string[] {
    const stop = this.normalizer.stopwords;
    return this.analyze(text)
      .words.map((w) => w.word)
      .filter((w) => !stop.has(w) && !NUMBER.test(w));
  }

  /** The example phrases, in index order (for checks and the evaluation). */
  examples(): readonly Example[] {
    return this.docs;
  }
}

/** Index terms of a word list: the words and each pair of neighbours. */
function terms(words: readonly string[]): string[] {
  const out = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}
