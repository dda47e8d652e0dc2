import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REQUIRED_FLOWS } from "../../src/flows/contract.ts";
import { OUT_OF_SCOPE } from "../../src/understanding/data.ts";
import { readEvalSet } from "../../src/understanding/evaluate.ts";
import { foldTokens } from "../../src/understanding/fold.ts";
import { loadUnderstanding } from "../../src/understanding/load.ts";
import { DATA, matcher } from "./helpers.ts";

const loaded = loadUnderstanding(DATA);
const data = loaded.data;
const EVAL = join(import.meta.dirname, "..", "intents", "eval.yaml");

describe("understanding data", () => {
  it("loads without problems", () => {
    expect(loaded.problems).toEqual([]);
    expect(data).toBeDefined();
  });

  it("has at least 20 example phrases per flow and language for every fixed flow id", () => {
    for (const flow of REQUIRED_FLOWS) {
      const intent = data?.intents.find((i) => i.flow === flow);
      expect(intent, flow).toBeDefined();
      expect(intent?.id.length, `${flow} id`).toBeGreaterThanOrEqual(20);
      expect(intent?.mad.length, `${flow} mad`).toBeGreaterThanOrEqual(20);
    }
    expect(data?.intents.find((i) => i.flow === OUT_OF_SCOPE)).toBeDefined();
  });

  it("never rewrites an Indonesian example word with the Madurese spelling table", () => {
    if (!data) throw new Error("no data");
    const rules = data.normalize.char_rules.map((r) => ({
      from: new RegExp(r.from, "g"),
      to: r.to,
    }));
    const variants = new Set<string>();
    for (const [canonical, list] of Object.entries(data.normalize.madurese)) {
      const own = foldTokens(canonical, rules).join(" ");
      for (const v of list) {
        const folded = foldTokens(v, rules).join(" ");
        if (folded !== own) variants.add(folded);
      }
    }
    const hits = data.intents
      .flatMap((i) => i.id)
      .flatMap((t) => foldTokens(t, rules))
      .filter((w) => variants.has(w));
    expect(hits).toEqual([]);
  });
});

describe("evaluation set", () => {
  const cases = readEvalSet(EVAL);

  it("has at least 15 messages per flow across both languages and 40 out of scope", () => {
    for (const flow of REQUIRED_FLOWS) {
      expect(cases.filter((c) => c.expect === flow).length, flow).toBeGreaterThanOrEqual(15);
    }
    expect(cases.filter((c) => c.expect === null).length).toBeGreaterThanOrEqual(40);
  });

  it("is kept apart from the example phrases: no message is also an example", () => {
    const n = matcher().normalizer;
    const key = (t: string) => n.surfaceWords(t).join(" ");
    const examples = new Set(
      matcher()
        .examples()
        .map((e) => key(e.text)),
    );
    expect(cases.filter((c) => examples.has(key(c.text))).map((c) => c.text)).toEqual([]);
  });
});
