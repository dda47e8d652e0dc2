import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, formatReport, readEvalSet } from "../../src/understanding/evaluate.ts";
import { matcher } from "./helpers.ts";

// The thresholds of issue 7, on the project's own evaluation set (see test/intents/eval.yaml).
const MIN_ID = 0.9;
const MIN_MAD = 0.85;
const MAX_OUT_OF_SCOPE = 0.1;

describe("matcher quality on the evaluation set", () => {
  const report = evaluate(
    matcher(),
    readEvalSet(join(import.meta.dirname, "..", "intents", "eval.yaml")),
    {
      timingRounds: 0,
    },
  );
  const summary = formatReport("evaluation", report).join("\n");

  it(`reaches ≥ ${MIN_ID * 100}% top-1 in Indonesian and ≥ ${MIN_MAD * 100}% in Madurese`, () => {
    expect(report.accuracy.id.rate, summary).toBeGreaterThanOrEqual(MIN_ID);
    expect(report.accuracy.mad.rate, summary).toBeGreaterThanOrEqual(MIN_MAD);
  });

  it(`accepts ≤ ${MAX_OUT_OF_SCOPE * 100}% of out-of-scope questions`, () => {
    expect(report.falseAccept.rate, summary).toBeLessThanOrEqual(MAX_OUT_OF_SCOPE);
  });
});
