/**
 * Measures the matcher: top-1 accuracy per language, how often out-of-scope questions are
 * accepted, language detection, and the mean time per match. Used by `npm run eval:intents`
 * and by the test that holds the matcher to its thresholds.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import * as z from "zod";
import type { Lang } from "../engine/types.ts";
import { INTENT_FLOWS } from "../flows/contract.ts";
import { OUT_OF_SCOPE } from "./data.ts";
import type { Matcher } from "./matcher.ts";

/** One labelled message: the flow it should reach, or null when out of scope. */
export interface EvalCase {
  text: string;
  lang: Lang;
  expect: string | null;
}

const texts = z.array(z.union([z.string(), z.number()]).transform(String));
const EvalFile = z.partialRecord(
  z.enum([...INTENT_FLOWS, OUT_OF_SCOPE]),
  z.strictObject({ id: texts.default([]), mad: texts.default([]) }),
);

/** Reads an evaluation set: `flow: {id: [...], mad: [...]}`, with `out_of_scope` for null. */
export function readEvalSet(path: string): EvalCase[] {
  const file = EvalFile.parse(parse(readFileSync(path, "utf8")));
  const cases: EvalCase[] = [];
  for (const [flow, byLang] of Object.entries(file)) {
    if (!byLang) continue;
    for (const lang of ["id", "mad"] as const) {
      for (const text of byLang[lang]) {
        cases.push({ text, lang, expect: flow === OUT_OF_SCOPE ? null : flow });
      }
    }
  }
  return cases;
}

/** A miss, for the report. */
export interface Miss {
  text: string;
  lang: Lang;
  expect: string | null;
  got: string | null;
  score: number;
}

/** The evaluation's numbers. */
export interface EvalReport {
  /** Top-1 accuracy on in-scope messages, per language (0–1). */
  accuracy: Record<Lang, { n: number; correct: number; rate: number }>;
  /** Out-of-scope messages accepted as some flow (0–1). */
  falseAccept: { n: number; accepted: number; rate: number };
  /** Messages whose language was detected as labelled (undetected counts as wrong). */
  language: { n: number; correct: number; rate: number };
  /** Mean milliseconds per match, over repeated passes (words already seen are cached). */
  meanMs: number;
  /** Mean milliseconds per match in the first pass (every word new to the matcher's cache). */
  firstPassMs: number;
  misses: Miss[];
}

/** The intent the command line prints: the flow unless the matcher turned the text down. */
export function intentOf(flow: string | null, confidence: string): string | null {
  return confidence === "low" ? null : flow;
}

const rate = (a: number, n: number) => (n === 0 ? 0 : a / n);

/**
 * Runs the cases; `match` gives the intent of a case (by default the matcher's). Timing
 * covers `timingRounds` extra passes over all cases after a warm-up pass.
 */
export function evaluate(
  matcher: Matcher,
  cases: readonly EvalCase[],
  options: { timingRounds?: number; exclude?: (c: EvalCase, i: number) => number } = {},
): EvalReport {
  const accuracy = {
    id: { n: 0, correct: 0, rate: 0 },
    mad: { n: 0, correct: 0, rate: 0 },
  };
  const falseAccept = { n: 0, accepted: 0, rate: 0 };
  const language = { n: 0, correct: 0, rate: 0 };
  const misses: Miss[] = [];
  const first = process.hrtime.bigint();
  const results = cases.map((c, i) => matcher.match(c.text, options.exclude?.(c, i) ?? -1));
  const firstPassMs = cases.length
    ? Number(process.hrtime.bigint() - first) / 1e6 / cases.length
    : 0;
  cases.forEach((c, i) => {
    const m = results[i] as (typeof results)[number];
    const got = intentOf(m.flow, m.confidence);
    language.n++;
    if (m.lang === c.lang) language.correct++;
    if (c.expect === null) {
      falseAccept.n++;
      if (got !== null) falseAccept.accepted++;
    } else {
      accuracy[c.lang].n++;
      if (got === c.expect) accuracy[c.lang].correct++;
    }
    if (got !== c.expect)
      misses.push({ text: c.text, lang: c.lang, expect: c.expect, got, score: m.score });
  });
  for (const a of [accuracy.id, accuracy.mad, language]) a.rate = rate(a.correct, a.n);
  falseAccept.rate = rate(falseAccept.accepted, falseAccept.n);

  const rounds = options.timingRounds ?? 5;
  let meanMs = 0;
  if (rounds > 0 && cases.length > 0) {
    for (const c of cases) matcher.match(c.text);
    const start = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (const c of cases) matcher.match(c.text);
    meanMs = Number(process.hrtime.bigint() - start) / 1e6 / (rounds * cases.length);
  }
  return { accuracy, falseAccept, language, meanMs, firstPassMs, misses };
}

/**
 * Leave-one-out cross-validation over the example phrases themselves: each example is matched
 * with itself left out of the index. This is how the tunables are chosen, so the evaluation
 * set stays unseen.
 */
export function crossValidate(matcher: Matcher): EvalReport {
  const examples = matcher.examples();
  const cases: EvalCase[] = examples.map((e) => ({
    text: e.text,
    lang: e.lang,
    expect: e.label === OUT_OF_SCOPE ? null : e.label,
  }));
  return evaluate(matcher, cases, { timingRounds: 0, exclude: (_c, i) => i });
}

/** The report as lines of text. */
export function formatReport(title: string, r: EvalReport): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    title,
    `  top-1 accuracy id:   ${pct(r.accuracy.id.rate)} (${r.accuracy.id.correct}/${r.accuracy.id.n})`,
    `  top-1 accuracy mad:  ${pct(r.accuracy.mad.rate)} (${r.accuracy.mad.correct}/${r.accuracy.mad.n})`,
    `  out of scope accepted: ${pct(r.falseAccept.rate)} (${r.falseAccept.accepted}/${r.falseAccept.n})`,
    `  language detected:   ${pct(r.language.rate)} (${r.language.correct}/${r.language.n})`,
    ...(r.meanMs > 0
      ? [
          `  mean time per match: ${(r.meanMs * 1000).toFixed(0)} µs ` +
            `(first pass, no word cached: ${(r.firstPassMs * 1000).toFixed(0)} µs)`,
        ]
      : []),
  ];
}
