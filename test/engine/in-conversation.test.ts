/**
 * Free text in the middle of a conversation: typed answers that name an option, questions
 * inside a topic, "don't know", and danger rules that name their own flow.
 */
import { describe, expect, it } from "vitest";
import type { Understanding, WordSense } from "../../src/engine/deps.ts";
import { fold } from "../../src/engine/text.ts";
import type { Effect } from "../../src/engine/types.ts";
import { fakeT, flows, Host, HUMAN, LANGUAGE, MENU } from "./harness.ts";

/** Labels and texts that typed answers and questions are compared with. */
const TEXTS: Record<string, string> = {
  "costs.opt_zero": "Pekerjaan yang bebas biaya",
  "costs.zero": "Sepuluh pekerjaan bebas biaya penempatan",
  "costs.opt_allowed": "Biaya yang mungkin dibayar",
  "costs.allowed": "Besarnya biaya tergantung negara dan pekerjaan",
  "costs.opt_other": "Soal biaya yang lain",
  "passport.opt_fee": "Biaya paspor",
  "passport.fee": "Paspor pekerja migran gratis",
  "report.who_self": "Saya sendiri",
  "report.who_child": "Anak saya",
  "report.who_spouse": "Suami atau istri saya",
};
const t = (lang: string, key: string, params?: Record<string, unknown>) =>
  TEXTS[key] ?? fakeT(lang, key, params);

const COSTS = `
id: costs
start: pick
nodes:
  pick:
    type: menu
    text: costs.pick
    options:
      - { id: zero, label: costs.opt_zero, next: zero }
      - { id: allowed, label: costs.opt_allowed, next: allowed }
      - { id: menu, label: costs.opt_menu, next: "@menu" }
  zero: { type: say, text: costs.zero, next: more }
  allowed: { type: say, text: costs.allowed, next: more }
  more:
    type: menu
    text: costs.more
    options:
      - { id: other, label: costs.opt_other, next: pick }
      - { id: menu, label: costs.opt_menu, next: "@menu" }
`;

const PASSPORT = `
id: passport
start: pick
nodes:
  pick:
    type: menu
    text: passport.pick
    options:
      - { id: fee, label: passport.opt_fee, next: fee }
      - { id: done, label: passport.opt_done, next: done }
  fee: { type: say, text: passport.fee, next: pick }
  done: { type: end, text: passport.done }
`;

const REPORT = `
id: report
start: who
nodes:
  who:
    type: menu
    text: report.ask_who
    detail: describe
    options:
      - { id: self, label: report.who_self, next: danger, set: { who: self } }
      - { id: child, label: report.who_child, next: danger, set: { who: child } }
      - { id: spouse, label: report.who_spouse, next: danger, set: { who: spouse } }
  danger: { type: ask, text: report.danger, input: yesno, unknown: true, var: danger, next: consent }
  consent: { type: ask, text: report.consent, input: yesno, var: consent, next: place }
  place: { type: ask, text: report.place, input: text, optional: true, var: place, next: since }
  since: { type: ask, text: report.since, input: text, var: since, next: done }
  done: { type: end, text: report.done }
`;

const EMERGENCY = `
id: emergency
start: hotlines
nodes:
  hotlines: { type: end, text: emergency.hotlines }
`;

const CRISIS = `
id: crisis
start: care
nodes:
  care: { type: end, text: crisis.care }
`;

const none: Understanding = {
  flow: null,
  confidence: "low",
  alternatives: [],
  lang: undefined,
  vars: {},
};

/** A matcher that knows a few fixed texts. */
function fake(table: Record<string, Partial<Understanding>>) {
  return (text: string): Understanding => ({
    ...none,
    vars: { intent_text: text },
    ...(table[text] ?? {}),
  });
}

/** Word meanings: folded words, a few synonyms; relevance counts the words shared. */
const sense: WordSense = {
  words: (text) =>
    fold(text)
      .split(" ")
      .map((w) => ({ malaysia: "negara", putra: "anak" })[w] ?? w)
      .filter((w) => w && !["saya", "yang", "ke", "atau", "brp", "berapa"].includes(w)),
  relevance: (text, documents) => {
    const asked = new Set(sense.words(text));
    return documents.map((d) => new Set(sense.words(d).filter((w) => asked.has(w))).size);
  },
};

function host(understand: ReturnType<typeof fake>, ...extra: string[]): Host {
  const h = new Host(flows(MENU, LANGUAGE, HUMAN, COSTS, PASSPORT, REPORT, ...extra), understand);
  h.deps = { ...h.deps, t, sense };
  return h;
}

const texts = (effects: Effect[]) =>
  effects.flatMap((e) => (e.type === "reply" ? [e.message.text] : []));

describe("engine: questions inside a topic", () => {
  const understand = fake({
    "biaya ke malaysia brp": { flow: "costs", confidence: "high" },
    "berapa biaya paspor": { flow: "costs", confidence: "high", alternatives: ["passport"] },
    "cara bikin paspor": { flow: "passport", confidence: "high" },
  });

  it("answers a question the topic answers there, instead of 'that option does not exist'", () => {
    const h = host(understand);
    h.send({ type: "start", payload: "costs" });
    h.send("1");
    const out = h.texts("biaya ke malaysia brp");
    expect(out).toEqual([TEXTS["costs.allowed"], "id:costs.more"]);
    expect(h.state?.retries).toBe(0);
  });

  it("answers from another topic the matcher thought of, with a way back", () => {
    const h = host(understand);
    h.send({ type: "start", payload: "costs" });
    const out = h.replies("berapa biaya paspor");
    expect(out.map((m) => m.text)).toEqual([TEXTS["passport.fee"], "id:passport.pick"]);
    expect(out.at(-1)?.options?.map((o) => o.id)).toEqual(["fee", "done", "resume"]);
    expect(h.texts({ type: "choice", id: "resume" })).toEqual(["id:costs.pick"]);
    expect(h.state?.resume).toBeUndefined();
  });

  it("switches to another topic with a way back that keeps the answers given so far", () => {
    const h = host(understand);
    h.send({ type: "start", payload: "report" });
    h.send("Anak saya");
    h.send("ya");
    expect(h.state?.prompt).toMatchObject({ flow: "report", node: "consent" });
    // At a yes/no question, a sure question for another topic goes there.
    const out = h.replies("cara bikin paspor");
    expect(out.map((m) => m.text)).toEqual(["id:passport.pick"]);
    expect(out[0]?.options?.map((o) => o.id)).toEqual(["fee", "done", "resume"]);
    expect(h.state?.vars.who).toBeUndefined();
    // Typed by its number, too; the report's answers are back.
    expect(h.texts("3")).toEqual(["id:report.consent"]);
    expect(h.state?.vars).toMatchObject({ who: "child", danger: true });
  });

  it("sends a sure question for another topic there from a topic's menu, though a word names an option", () => {
    // "pekerjaan" names "Pekerjaan yang bebas biaya" by one word; the matcher is sure it is
    // about passports. A topic's menu records nothing, so the question wins.
    const h = host(
      fake({ "pekerjaan paspor cara bikinnya": { flow: "passport", confidence: "high" } }),
    );
    h.send({ type: "start", payload: "costs" });
    const out = h.replies("pekerjaan paspor cara bikinnya");
    expect(out.map((m) => m.text)).toEqual(["id:passport.pick"]);
    expect(out[0]?.options?.map((o) => o.id)).toEqual(["fee", "done", "resume"]);
    expect(h.texts({ type: "choice", id: "resume" })).toEqual(["id:costs.pick"]);
  });

  it("keeps the option a report's answer names, though the matcher thinks of another topic", () => {
    const h = host(
      fake({ "Anak saya Siti, mau bikin paspor": { flow: "passport", confidence: "high" } }),
    );
    h.send({ type: "start", payload: "report" });
    expect(h.texts("Anak saya Siti, mau bikin paspor")).toEqual(["id:report.danger"]);
    expect(h.state?.vars.who).toBe("child");
  });

  it("returns to the question left when the other topic ends, and forgets it at the main menu", () => {
    const h = host(understand);
    h.send({ type: "start", payload: "report" });
    h.send("cara bikin paspor");
    expect(h.texts("2")).toEqual(["id:passport.done", "id:report.ask_who"]);
    h.send("cara bikin paspor");
    h.send("0");
    expect(h.state?.resume).toBeUndefined();
  });
});

describe("engine: typed answers that name an option", () => {
  it("chooses the option and keeps the rest where the menu says", () => {
    const h = host(fake({}));
    h.send({ type: "start", payload: "report" });
    const out = h.texts("Anak saya Siti, berangkat lewat sponsor ke Johor …");
    expect(out).toEqual(["id:report.danger"]);
    expect(h.state?.vars).toMatchObject({
      who: "child",
      describe: "Siti, berangkat lewat sponsor ke Johor …",
    });
  });

  it("asks again with the options when the answer names two", () => {
    const h = host(fake({}));
    h.send({ type: "start", payload: "report" });
    const out = h.replies("anak dan suami saya");
    expect(out.map((m) => m.text)).toEqual(["id:system.hint_ambiguous", "id:report.ask_who"]);
    expect(h.texts("putra saya")).toEqual(["id:report.danger"]);
  });

  it("sends danger in a typed answer to the emergency flow first, choosing nothing", () => {
    const danger = fake({
      "anak saya disekap majikan": { flow: "emergency", confidence: "high", danger: "violence" },
    });
    const h = host(danger, EMERGENCY);
    h.send({ type: "start", payload: "report" });
    expect(h.texts("anak saya disekap majikan")).toEqual([
      "id:emergency.hotlines",
      "id:report.ask_who",
    ]);
    expect(h.state?.vars.who).toBeUndefined();
    expect(h.state?.vars.describe).toBeUndefined();
  });
});

describe("engine: don't know", () => {
  it("stores 'unknown' where a yes/no question offers it, never 'no'", () => {
    const h = host(fake({}));
    h.send({ type: "start", payload: "report" });
    const asked = h.replies("1");
    expect(asked.at(-1)?.options?.map((o) => o.id)).toEqual(["yes", "no", "unknown"]);
    expect(h.texts("gak tau")).toEqual(["id:report.consent"]);
    expect(h.state?.vars.danger).toBe("unknown");
  });

  it("asks a yes/no question without that answer again, kindly; skips an optional one", () => {
    const h = host(fake({}));
    h.send({ type: "start", payload: "report" });
    h.send("1");
    h.send({ type: "choice", id: "unknown" });
    expect(h.texts("gak tau")).toEqual(["id:system.hint_unsure", "id:report.consent"]);
    expect(h.state?.vars.consent).toBeUndefined();
    expect(h.texts("tidak, tahu dari teman")).toEqual(["id:report.place"]);
    expect(h.state?.vars.consent).toBe(false);
    // "ta' oneng" (Madurese) skips the optional question; the required one keeps it as text.
    expect(h.texts("ta' oneng")).toEqual(["id:report.since"]);
    expect(h.state?.vars.place).toBeUndefined();
    h.send("gak tau");
    expect(h.state?.vars.since).toBe("gak tau");
  });

  it("answers 'don't know' at a menu with the options again, not 'that option does not exist'", () => {
    const h = host(fake({}));
    h.send({ type: "start", payload: "report" });
    expect(h.texts("tidak tahu")).toEqual(["id:system.hint_unsure", "id:report.ask_who"]);
  });
});

describe("engine: danger rules that name their flow", () => {
  const understand = fake({
    "saya ingin mati saja": {
      flow: "crisis",
      confidence: "high",
      danger: "self_harm",
    },
  });

  // A first message in danger gets its help first: no greeting before it.
  it("starts the flow the rule names", () => {
    const h = host(understand, EMERGENCY, CRISIS);
    expect(h.texts("saya ingin mati saja")).toEqual(["id:crisis.care"]);
  });

  it("starts the emergency flow while the named flow does not exist", () => {
    const h = host(understand, EMERGENCY);
    expect(h.texts("saya ingin mati saja")).toEqual(["id:emergency.hotlines"]);
  });

  it("interrupts a question for it, and asks the question again afterwards", () => {
    const h = host(understand, EMERGENCY, CRISIS);
    h.send({ type: "start", payload: "report" });
    h.send("1");
    const effects = h.send("saya ingin mati saja");
    expect(texts(effects)).toEqual(["id:crisis.care", "id:report.danger"]);
  });
});
