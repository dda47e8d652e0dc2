/**
 * Measures the matcher: top-1 accuracy per language, how often out-of-scope questions are
 * accepted, language detection, and the mean time per match. Used by `npm run eval:intents`
 * and by the test that holds the matcher to its thresholds.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import * as z from "zod";
import type { Lang } from "../engine/types.ts";
import { INTENT_FLOWS } from "../flows/contract.ts";
import { OUT_OF_SCOPE } from "./data.ts";
import type { Matcher } from "./matcher.ts";

/** The evaluation blocks that are not a flow id. */
export const SELF_HARM = "self_harm";
export const EVERYDAY = "everyday";
/** Flows that count as an alarm: danger now, or someone thinking of ending their life. */
const ALARM_FLOWS = new Set(["emergency", "crisis"]);
/** The danger rule for self-harm (its messages may also reach `crisis`). */
const SELF_HARM_RULE = "self_harm";

/**
 * The kind of a labelled message: a flow question, danger now (`emergency`), self-harm,
 * out of scope, or everyday talk (out of scope, and never an alarm).
 */
export type EvalKind = "flow" | "danger" | "self_harm" | "out_of_scope" | "everyday";

/** One labelled message: the flow it should reach, or null when out of scope. */
export interface EvalCase {
  text: string;
  lang: Lang;
  expect: string | null;
  kind: EvalKind;
}

const texts = z.array(z.union([z.string(), z.number()]).transform(String));
const EvalFile = z.partialRecord(
  z.enum([...INTENT_FLOWS, OUT_OF_SCOPE, SELF_HARM, EVERYDAY]),
  z.strictObject({ id: texts.default([]), mad: texts.default([]) }),
);

function kindOf(block: string): { expect: string | null; kind: EvalKind } {
  if (block === OUT_OF_SCOPE) return { expect: null, kind: "out_of_scope" };
  if (block === EVERYDAY) return { expect: null, kind: "everyday" };
  if (block === SELF_HARM) return { expect: "emergency", kind: "self_harm" };
  if (block === "emergency") return { expect: block, kind: "danger" };
  return { expect: block, kind: "flow" };
}

/**
 * Reads an evaluation set: `flow: {id: [...], mad: [...]}`, with `out_of_scope` for null,
 * `self_harm` for messages of someone thinking of ending their life and `everyday` for
 * everyday talk that must never raise an alarm.
 */
export function readEvalSet(path: string): EvalCase[] {
  const file = EvalFile.parse(parse(readFileSync(path, "utf8")));
  const cases: EvalCase[] = [];
  for (const [block, byLang] of Object.entries(file)) {
    if (!byLang) continue;
    const { expect, kind } = kindOf(block);
    for (const lang of ["id", "mad"] as const) {
      for (const text of byLang[lang]) cases.push({ text, lang, expect, kind });
    }
  }
  return cases;
}

/** The evaluation files of a directory (eval.yaml and the dated blocks), in name order. */
export function evalSetFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /^eval.*\.yaml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** A miss, for the report. */
export interface Miss {
  text: string;
  lang: Lang;
  expect: string | null;
  got: string | null;
  score: number;
  kind: EvalKind;
}

/** A count and its share. */
export interface Rate {
  n: number;
  correct: number;
  rate: number;
}

/** The evaluation's numbers. */
export interface EvalReport {
  /** Top-1 accuracy on in-scope messages (flows, danger, self-harm), per language (0–1). */
  accuracy: Record<Lang, Rate>;
  /** Out-of-scope messages accepted as some flow (0–1). */
  falseAccept: { n: number; accepted: number; rate: number };
  /** Danger and self-harm messages that start `emergency` (or `crisis`) at once, per language. */
  dangerRecall: Record<Lang | "all", Rate>;
  /** Self-harm messages on which the `self_harm` rule fired (or that reach `crisis`). */
  selfHarmRecall: Rate;
  /** Everyday messages that start `emergency` or `crisis`, per language. */
  falseAlarms: Record<Lang | "all", { n: number; accepted: number; rate: number }>;
  /** Everyday messages that start any flow at once (high confidence). */
  everydayAccepted: { n: number; accepted: number; rate: number };
  /** Messages whose language was detected as labelled (undetected counts as wrong). */
  language: Rate;
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
const zero = (): Rate => ({ n: 0, correct: 0, rate: 0 });
const zeroAccept = () => ({ n: 0, accepted: 0, rate: 0 });

/** True when the intent a case got is the right one. */
function isRight(c: EvalCase, got: string | null): boolean {
  if (c.kind === "self_harm") return got !== null && ALARM_FLOWS.has(got);
  return got === c.expect;
}

/**
 * Runs the cases; `match` gives the intent of a case (by default the matcher's). Timing
 * covers `timingRounds` extra passes over all cases after a warm-up pass.
 */
export function evaluate(
  matcher: Matcher,
  cases: readonly EvalCase[],
  options: { timingRounds?: number; exclude?: (c: EvalCase, i: number) => number } = {},
): EvalReport {
  const accuracy = { id: zero(), mad: zero() };
  const falseAccept = zeroAccept();
  const dangerRecall = { id: zero(), mad: zero(), all: zero() };
  const selfHarmRecall = zero();
  const falseAlarms = { id: zeroAccept(), mad: zeroAccept(), all: zeroAccept() };
  const everydayAccepted = zeroAccept();
  const language = zero();
  const misses: Miss[] = [];
  const first = process.hrtime.bigint();
  const results = cases.map((c, i) => matcher.match(c.text, options.exclude?.(c, i) ?? -1));
  const firstPassMs = cases.length
    ? Number(process.hrtime.bigint() - first) / 1e6 / cases.length
    : 0;
  const count = (r: Rate, ok: boolean) => {
    r.n++;
    if (ok) r.correct++;
  };
  const countAccept = (r: { n: number; accepted: number }, accepted: boolean) => {
    r.n++;
    if (accepted) r.accepted++;
  };
  cases.forEach((c, i) => {
    const m = results[i] as (typeof results)[number];
    const got = intentOf(m.flow, m.confidence);
    // An alarm is a flow the bot starts at once: high confidence (medium only asks "did you
    // mean …?").
    const alarm = got !== null && ALARM_FLOWS.has(got) && m.confidence === "high";
    count(language, m.lang === c.lang);
    if (c.kind === "out_of_scope") countAccept(falseAccept, got !== null);
    else if (c.kind === "everyday") {
      countAccept(falseAlarms[c.lang], alarm);
      countAccept(falseAlarms.all, alarm);
      countAccept(everydayAccepted, got !== null && m.confidence === "high");
    } else count(accuracy[c.lang], isRight(c, got));
    if (c.kind === "danger" || c.kind === "self_harm") {
      count(dangerRecall[c.lang], alarm);
      count(dangerRecall.all, alarm);
    }
    if (c.kind === "self_harm")
      count(selfHarmRecall, m.danger === SELF_HARM_RULE || got === "crisis");
    const wrong =
      c.kind === "everyday"
        ? alarm
        : c.kind === "self_harm"
          ? m.danger !== SELF_HARM_RULE && got !== "crisis"
          : !isRight(c, got);
    if (wrong) {
      misses.push({
        text: c.text,
        lang: c.lang,
        expect: c.expect,
        got,
        score: m.score,
        kind: c.kind,
      });
    }
  });
  for (const a of [
    accuracy.id,
    accuracy.mad,
    language,
    dangerRecall.id,
    dangerRecall.mad,
    dangerRecall.all,
    selfHarmRecall,
  ]) {
    a.rate = rate(a.correct, a.n);
  }
  for (const a of [
    falseAccept,
    falseAlarms.id,
    falseAlarms.mad,
    falseAlarms.all,
    everydayAccepted,
  ]) {
    a.rate = rate(a.accepted, a.n);
  }

  const rounds = options.timingRounds ?? 5;
  let meanMs = 0;
  if (rounds > 0 && cases.length > 0) {
    for (const c of cases) matcher.match(c.text);
    const start = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (const c of cases) matcher.match(c.text);
    meanMs = Number(process.hrtime.bigint() - start) / 1e6 / (rounds * cases.length);
  }
  return {
    accuracy,
    falseAccept,
    dangerRecall,
    selfHarmRecall,
    falseAlarms,
    everydayAccepted,
    language,
    meanMs,
    firstPassMs,
    misses,
  };
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
    ...kindOf(e.label),
  }));
  return evaluate(matcher, cases, { timingRounds: 0, exclude: (_c, i) => i });
}

/** The report as lines of text. */
export function formatReport(title: string, r: EvalReport): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const ok = (x: Rate) => `${pct(x.rate)} (${x.correct}/${x.n})`;
  const accepted = (x: { n: number; accepted: number; rate: number }) =>
    `${pct(x.rate)} (${x.accepted}/${x.n})`;
  const lines = [
    title,
    `  top-1 accuracy id:   ${ok(r.accuracy.id)}`,
    `  top-1 accuracy mad:  ${ok(r.accuracy.mad)}`,
    `  out of scope accepted: ${accepted(r.falseAccept)}`,
  ];
  if (r.dangerRecall.all.n > 0) {
    lines.push(
      `  danger recall:       ${ok(r.dangerRecall.all)} — id ${ok(r.dangerRecall.id)}, mad ${ok(r.dangerRecall.mad)}`,
    );
  }
  if (r.selfHarmRecall.n > 0) lines.push(`  self-harm recall:    ${ok(r.selfHarmRecall)}`);
  if (r.falseAlarms.all.n > 0) {
    lines.push(
      `  everyday false alarms (emergency/crisis): ${accepted(r.falseAlarms.all)} — id ${accepted(r.falseAlarms.id)}, mad ${accepted(r.falseAlarms.mad)}`,
      `  everyday starting a flow at once: ${accepted(r.everydayAccepted)}`,
    );
  }
  lines.push(`  language detected:   ${ok(r.language)}`);
  if (r.meanMs > 0) {
    lines.push(
      `  mean time per match: ${(r.meanMs * 1000).toFixed(0)} µs ` +
        `(first pass, no word cached: ${(r.firstPassMs * 1000).toFixed(0)} µs)`,
    );
  }
  return lines;
}
