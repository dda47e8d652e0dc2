import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  evalSetFiles,
  evaluate,
  formatReport,
  readEvalSet,
} from "../../src/understanding/evaluate.ts";
import { matcher } from "./helpers.ts";

// The thresholds of issues 14 and 19, on the project's own evaluation set: every
// test/intents/eval*.yaml together (eval.yaml and the blocks written before tuning).
const MIN_ID = 0.92;
const MIN_MAD = 0.9;
const MIN_DANGER_RECALL = 0.98;
const MIN_SELF_HARM_RECALL = 1;
const MAX_OUT_OF_SCOPE = 0.05;
const MAX_EVERYDAY_FALSE_ALARMS = 0.005;

describe("matcher quality on the evaluation set", () => {
  const cases = evalSetFiles(join(import.meta.dirname, "..", "intents")).flatMap(readEvalSet);
  const report = evaluate(matcher(), cases, { timingRounds: 0 });
  const summary = formatReport("evaluation", report).join("\n");

  it(`reaches ≥ ${MIN_ID * 100}% top-1 in Indonesian and ≥ ${MIN_MAD * 100}% in Madurese`, () => {
    expect(report.accuracy.id.rate, summary).toBeGreaterThanOrEqual(MIN_ID);
    expect(report.accuracy.mad.rate, summary).toBeGreaterThanOrEqual(MIN_MAD);
  });

  it(`accepts ≤ ${MAX_OUT_OF_SCOPE * 100}% of out-of-scope questions`, () => {
    expect(report.falseAccept.rate, summary).toBeLessThanOrEqual(MAX_OUT_OF_SCOPE);
  });

  it(`starts the emergency flow for ≥ ${MIN_DANGER_RECALL * 100}% of messages about danger now`, () => {
    expect(report.dangerRecall.all.n, summary).toBeGreaterThan(0);
    expect(report.dangerRecall.all.rate, summary).toBeGreaterThanOrEqual(MIN_DANGER_RECALL);
  });

  it("fires the self_harm rule on every message of someone thinking of ending their life", () => {
    expect(report.selfHarmRecall.n, summary).toBeGreaterThan(0);
    expect(report.selfHarmRecall.rate, summary).toBeGreaterThanOrEqual(MIN_SELF_HARM_RECALL);
  });

  it(`raises an alarm on ≤ ${MAX_EVERYDAY_FALSE_ALARMS * 100}% of everyday messages`, () => {
    expect(report.falseAlarms.all.n, summary).toBeGreaterThanOrEqual(150);
    expect(report.falseAlarms.all.rate, summary).toBeLessThanOrEqual(MAX_EVERYDAY_FALSE_ALARMS);
  });
});
