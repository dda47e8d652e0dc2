import { describe, expect, it } from "vitest";
import type { Understanding } from "../../src/engine/deps.ts";
import type { CaseDraft, Effect } from "../../src/engine/types.ts";
import { FORM, flows, Host, HUMAN, LANGUAGE, MENU } from "./harness.ts";

/** A report flow that, like the real one, skips "what happened" when the first message said it. */
const REPORT = `
id: report
start: check
nodes:
  check:
    type: branch
    cases:
      - { when: { var: what, set: true }, next: who }
    else: what
  what:
    type: menu
    text: report.what
    options:
      - { id: unpaid, label: report.opt_unpaid, next: who, set: { what: unpaid } }
      - { id: lost, label: report.opt_lost, next: who, set: { what: lost_contact } }
  who: { type: ask, text: report.who, input: text, var: who, next: since }
  since: { type: ask, text: report.since, input: date, var: since, next: open }
  open:
    type: escalate
    kind: report
    category: $what
    answers: [what, who, since, intent_text]
    next: done
  done: { type: end, text: report.done }
`;

const EMERGENCY = `
id: emergency
start: hotlines
nodes:
  hotlines: { type: say, text: emergency.hotlines, next: open }
  open:
    type: escalate
    kind: emergency
    category: danger
    priority: urgent
    answers: [intent_text]
    next: done
  done: { type: end, text: emergency.done }
`;

const all = () => flows(MENU, LANGUAGE, HUMAN, FORM, REPORT, EMERGENCY);

const none: Understanding = {
  flow: null,
  confidence: "low",
  alternatives: [],
  lang: undefined,
  vars: {},
};

/** A matcher that knows a few fixed texts; everything else is out of scope. */
function fake(table: Record<string, Partial<Understanding>>) {
  return (text: string): Understanding => ({
    ...none,
    vars: { intent_text: text },
    ...(table[text] ?? {}),
  });
}

const casesOf = (effects: Effect[]): CaseDraft[] =>
  effects.flatMap((e) => (e.type === "open_case" ? [e.draft] : []));

describe("engine: free text routed by the matcher", () => {
  const understand = fake({
    "gaji anak saya tidak dibayar": {
      flow: "report",
      confidence: "high",
      vars: { intent_text: "gaji anak saya tidak dibayar", what: "unpaid", country: null },
    },
    "mau lapor": {
      flow: "report",
      confidence: "high",
      vars: { intent_text: "mau lapor", what: null, country: null },
    },
    "tolong saya disekap": {
      flow: "emergency",
      confidence: "high",
      alternatives: ["report"],
      vars: { intent_text: "tolong saya disekap", what: "detained" },
      urgent: true,
    },
    "saya mau bunuh diri": {
      flow: "crisis",
      confidence: "high",
      vars: { intent_text: "saya mau bunuh diri" },
      urgent: true,
    },
    "soal gaji": {
      flow: "report",
      confidence: "medium",
      alternatives: ["form"],
      vars: { intent_text: "soal gaji", what: "unpaid" },
    },
  });

  it("starts a report that does not ask again what the first message said", () => {
    const host = new Host(all(), understand);
    expect(host.texts("gaji anak saya tidak dibayar")).toEqual([
      "id:system.intro",
      "id:report.who",
    ]);
    host.send("anak saya");
    const effects = host.send("3/2/2025");
    const [draft] = casesOf(effects);
    expect(draft?.category).toBe("unpaid");
    expect(draft?.answers).toMatchObject({
      what: "unpaid",
      who: "anak saya",
      intent_text: "gaji anak saya tidak dibayar",
    });
  });

  it("starts clean: what an earlier conversation left behind is not reused", () => {
    const host = new Host(all(), understand);
    host.send("halo");
    // Left over from an earlier report.
    host.state = host.state && { ...host.state, vars: { what: "unpaid", who: "anak saya" } };
    // A new report whose first message does not say what happened asks it again.
    expect(host.texts("mau lapor")).toEqual(["id:report.what"]);
    expect(host.state?.vars.who).toBeUndefined();
    expect(host.state?.vars.intent_text).toBe("mau lapor");
  });

  it("does not restart the flow whose question the text was typed at", () => {
    const host = new Host(all(), understand);
    host.send("mau lapor");
    // At report's own question, report-like text that names no option is asked again (the
    // options are the closest answers), counted as a retry.
    expect(host.texts("gaji anak saya tidak dibayar")).toEqual([
      "id:system.hint_closest",
      "id:report.what",
    ]);
    expect(host.state?.retries).toBe(1);
  });

  it("sends danger words typed at any question that does not take them to the emergency flow, then asks that question again", () => {
    const host = new Host(all(), understand);
    host.send({ type: "start", payload: "form" });
    host.send("30");
    const effects = host.send("tolong saya disekap");
    const texts = effects.flatMap((e) => (e.type === "reply" ? [e.message.text] : []));
    expect(texts).toEqual([
      "id:emergency.hotlines",
      "id:emergency.done{case_ref=JR-T1}",
      "id:form.paid{case_ref=JR-T1}",
    ]);
    expect(casesOf(effects)[0]).toMatchObject({ kind: "emergency", priority: "urgent" });
    // What was answered before the interruption is kept.
    expect(host.state?.vars.age).toBe(30);
    expect(host.state?.prompt).toMatchObject({ flow: "form", node: "paid" });
  });

  it("interrupts a flow for danger words typed at one of its menus, too", () => {
    const host = new Host(all(), understand);
    host.send("mau lapor");
    const texts = host.texts("tolong saya disekap");
    expect(texts).toEqual([
      "id:emergency.hotlines",
      "id:emergency.done{case_ref=JR-T1}",
      "id:report.what{case_ref=JR-T1}",
    ]);
    expect(host.state?.vars.intent_text).toBe("mau lapor");
  });

  it("starts a danger rule's flow at once, with no greeting first", () => {
    const host = new Host(all(), understand);
    const texts = host.texts("tolong saya disekap");
    expect(texts[0]).toBe("id:emergency.hotlines");
    expect(texts).not.toContain("id:system.intro");
  });

  it("falls back to the emergency flow when a danger rule names a flow that is not loaded", () => {
    // No `crisis` flow here: the self-harm words still reach help at once.
    const host = new Host(all(), understand);
    const effects = host.send("saya mau bunuh diri");
    const texts = effects.flatMap((e) => (e.type === "reply" ? [e.message.text] : []));
    expect(texts[0]).toBe("id:emergency.hotlines");
    expect(casesOf(effects)[0]).toMatchObject({ kind: "emergency", priority: "urgent" });
  });

  it("starts the named flow of a danger rule, also in the middle of another flow", () => {
    const CRISIS = `
id: crisis
start: care
nodes:
  care: { type: say, text: crisis.care, next: end }
  end: { type: end }
`;
    const host = new Host(
      flows(MENU, LANGUAGE, HUMAN, FORM, REPORT, EMERGENCY, CRISIS),
      understand,
    );
    expect(host.texts("saya mau bunuh diri")[0]).toBe("id:crisis.care");
    host.send("mau lapor");
    expect(host.texts("saya mau bunuh diri")).toEqual(["id:crisis.care", "id:report.what"]);
  });

  it("starts the emergency flow afresh, with what the text said, when nothing is pending", () => {
    const host = new Host(all(), understand);
    const effects = host.send("tolong saya disekap");
    expect(casesOf(effects)[0]).toMatchObject({
      kind: "emergency",
      answers: { intent_text: "tolong saya disekap" },
    });
  });

  it("keeps danger words that answer a free-text question as the answer", () => {
    const host = new Host(all(), understand);
    host.send("mau lapor");
    host.send("1");
    expect(host.texts("tolong saya disekap")).toEqual(["id:report.since"]);
    expect(host.state?.vars.who).toBe("tolong saya disekap");
  });

  it("carries what the text said into a flow chosen from 'did you mean', not into the way back", () => {
    const host = new Host(all(), understand);
    const offered = host.replies("soal gaji");
    expect(offered.at(-1)?.options?.map((o) => o.id)).toEqual(["report", "form", "menu"]);
    expect(host.texts({ type: "choice", id: "report" })).toEqual(["id:report.who"]);
    expect(host.state?.vars).toMatchObject({ what: "unpaid", intent_text: "soal gaji" });

    const back = new Host(all(), understand);
    back.send({ type: "start", payload: "form" });
    back.send("30");
    back.send({ type: "start", payload: "report" });
    back.state = back.state && { ...back.state, vars: { ...back.state.vars, keep: "x" } };
    expect(back.lastOptions("soal gaji")).toEqual(["form", "back"]);
    expect(back.texts("2")).toEqual(["id:report.what"]);
    expect(back.state?.vars.keep).toBe("x");
    expect(back.state?.vars.intent_text).toBeUndefined();
  });

  it("never offers the menu twice in 'did you mean'", () => {
    const host = new Host(
      all(),
      fake({ "apa ya": { flow: "menu", confidence: "medium", alternatives: ["human"] } }),
    );
    expect(host.lastOptions("apa ya")).toEqual(["human", "menu"]);
  });

  it("offers a person for text it cannot place, and hands them the message", () => {
    const host = new Host(all(), understand);
    const out = host.replies("harga cabai hari ini");
    expect(out.map((m) => m.text)).toEqual(["id:system.intro", "id:system.not_understood"]);
    expect(out.at(-1)?.options?.map((o) => o.id)).toEqual(["menu", "human"]);
    expect(host.texts({ type: "choice", id: "human" })).toEqual(["id:human.ask"]);
    expect(host.state?.vars.intent_text).toBe("harga cabai hari ini");
  });
});
