import { describe, expect, it } from "vitest";
import type { Understanding } from "../../src/engine/deps.ts";
import type { CaseDraft, Effect } from "../../src/engine/types.ts";
import { FORM, flows, Host, HUMAN, INFO, LANGUAGE, MENU } from "./harness.ts";

const all = () => flows(MENU, LANGUAGE, HUMAN, FORM, INFO);
const openCase = (effects: Effect[]): CaseDraft | undefined =>
  effects.flatMap((e) => (e.type === "open_case" ? [e.draft] : []))[0];

describe("engine: first contact and menus", () => {
  it("greets a new user with the menu, in the channel's language", () => {
    const host = new Host(all());
    const replies = host.replies("halo");
    expect(replies.map((r) => r.text)).toEqual(["id:menu.welcome", "id:menu.question"]);
    expect(replies[1]?.options?.map((o) => o.id)).toEqual(["form", "bahasa"]);
    expect(replies[1]?.prompt).toBe(1);
    const mad = new Host(all());
    mad.send("halo", "mad");
    expect(mad.state?.lang).toBe("mad");
  });

  it("says what the service is when a first message goes straight to a flow", () => {
    const host = new Host(all());
    expect(host.texts({ type: "start", payload: "form" })).toEqual([
      "id:system.intro",
      "id:form.age",
    ]);
  });

  it("takes a menu answer by tap, number or label, ignoring case and accents", () => {
    for (const answer of [
      { type: "choice", id: "form" } as const,
      "1",
      "ID:MENU.OPT_FORM",
      " id:menu.opt_form! ",
    ]) {
      const host = new Host(all());
      host.send("halo");
      expect(host.texts(answer)).toEqual(["id:form.age"]);
    }
  });

  it("treats a tap on an old keyboard as stale and asks the current question again", () => {
    const host = new Host(all());
    host.send("halo");
    host.send("1");
    const replies = host.replies({ type: "choice", id: "form", prompt: 1 });
    expect(replies.map((r) => r.text)).toEqual(["id:system.stale", "id:form.age"]);
    expect(host.state?.prompt).toMatchObject({ flow: "form", node: "age" });
  });

  it("hints, re-asks, and after too many invalid answers offers the menu or a person", () => {
    const host = new Host(all());
    host.send("halo");
    expect(host.texts("apa ini")).toEqual([
      "id:system.hint_menu_number{max=2}",
      "id:menu.question",
    ]);
    expect(host.texts("7")).toEqual(["id:system.hint_menu_number{max=2}", "id:menu.question"]);
    const out = host.replies("???");
    expect(out.map((r) => r.text)).toEqual(["id:system.retry_exceeded"]);
    expect(out[0]?.options?.map((o) => o.id)).toEqual(["back", "menu", "human"]);
    expect(host.texts("3")).toEqual(["id:human.ask"]);
  });
});

describe("engine: asking", () => {
  it("after too many invalid answers, 'back' returns to the same question with the answers kept", () => {
    const host = new Host(all());
    host.send({ type: "start", payload: "form" });
    host.send("30");
    host.send("ya");
    for (const bad of ["???", "!!!"]) host.send(bad);
    const out = host.replies("...");
    expect(out[0]?.options?.map((o) => o.id)).toEqual(["back", "menu", "human"]);
    expect(host.texts({ type: "choice", id: "back" })).toEqual(["id:form.phone"]);
    expect(host.state?.vars).toMatchObject({ age: 30, paid: true, risk: 2 });
    expect(host.texts("0812 1111 2222")).toEqual(["id:form.since"]);
  });

  it("collects typed answers, branches, scores and opens a case with the reference", () => {
    const host = new Host(all());
    host.send("halo");
    host.send("1");
    expect(host.texts("umur saya 12")).toEqual(["id:system.hint_number", "id:form.age"]);
    const paid = host.replies("25 tahun");
    expect(paid.map((m) => m.text)).toEqual(["id:form.paid"]);
    expect(paid[0]?.options?.map((o) => o.id)).toEqual(["yes", "no"]);
    expect(host.replies("ya")[0]?.options?.map((o) => o.id)).toEqual(["skip"]);
    expect(host.texts("0812-3456-7890")).toEqual(["id:form.since"]);
    expect(host.texts("31/02/2025")).toEqual(["id:system.hint_date", "id:form.since"]);
    expect(host.texts("Maret 2025")).toEqual(["id:form.country"]);
    expect(host.texts("di malay")).toEqual(["id:form.photo"]);
    const effects = host.send({ type: "media", media: { kind: "photo", fileId: "f1" } });
    const draft = openCase(effects);
    expect(draft).toMatchObject({
      kind: "report",
      category: "malaysia",
      priority: "urgent",
      personal: ["phone"],
      flow: "form",
      answers: {
        age: 25,
        paid: true,
        phone: "6281234567890",
        since: "2025-03",
        country: "malaysia",
        files: [{ kind: "photo", fileId: "f1" }],
      },
    });
    expect(host.state?.vars.case_ref).toBe(draft?.ref);
    expect(host.state?.vars.risk).toBe(2);
    expect(host.state?.prompt).toBeNull();
  });

  it("lets optional questions be skipped by tap or word, and leaves the variable unset", () => {
    const host = new Host(all());
    host.send({ type: "start", payload: "form" });
    host.send("30");
    host.send({ type: "choice", id: "no" });
    expect(host.texts({ type: "choice", id: "skip" })).toEqual(["id:form.since"]);
    host.send("2025-01-05");
    host.send("2");
    const draft = openCase(host.send("lewati"));
    expect(draft?.answers).toEqual({ age: 30, paid: false, since: "2025-01-05", country: "other" });
    expect(draft?.priority).toBe("normal");
  });

  it("refuses media where text is expected, stickers anywhere, and over-long text", () => {
    const host = new Host(all());
    host.send({ type: "start", payload: "human" });
    expect(host.texts({ type: "media", media: { kind: "voice" } })).toEqual([
      "id:system.media_not_expected",
      "id:human.ask",
    ]);
    expect(host.texts({ type: "unsupported", what: "sticker" })).toEqual([
      "id:system.unsupported_sticker",
      "id:human.ask",
    ]);
    expect(host.texts("x".repeat(100_000))).toEqual([
      "id:system.hint_too_long{max=2000}",
      "id:human.ask",
    ]);
    expect(
      openCase(
        host.send({ type: "media", media: { kind: "photo", caption: "anak saya di Johor" } }),
      )?.answers,
    ).toEqual({
      question: "anak saya di Johor",
    });
  });
});

describe("engine: interruptions, commands and time", () => {
  it("switches language mid-question and asks the same question again in the new language", () => {
    const host = new Host(all());
    host.send("halo");
    host.send("1");
    expect(host.texts("bahasa")).toEqual(["id:language.choose"]);
    expect(host.texts("2")).toEqual(["mad:language.changed", "mad:form.age"]);
    expect(host.state).toMatchObject({ lang: "mad", langChosen: true, stack: [] });
    expect(host.texts("40")).toEqual(["mad:form.paid"]);
  });

  it("passes a prefix command's argument in a variable", () => {
    const host = new Host(all());
    host.send("halo");
    host.send("cek JR-7Q3K");
    expect(host.state?.vars.case_query).toBe("JR-7Q3K");
  });

  it("restarts an idle conversation at the menu with a note", () => {
    const host = new Host(all());
    host.send("halo");
    host.send("1");
    host.now += 61 * 60_000;
    expect(host.texts("25")).toEqual([
      "id:system.idle_restart",
      "id:menu.welcome",
      "id:menu.question",
    ]);
    expect(host.state?.vars).toEqual({});
  });

  it("stops a loop after the step limit, logs it, and shows the menu", () => {
    const loop = `
id: loop
start: a
nodes:
  a: { type: say, text: loop.a, next: b }
  b: { type: set, add: { n: 1 }, next: a }
`;
    const host = new Host(flows(MENU, LANGUAGE, HUMAN, FORM, loop), undefined, 20);
    const effects = host.send({ type: "start", payload: "loop" });
    expect(
      effects.some((e) => e.type === "log" && e.level === "error" && e.event === "step_limit"),
    ).toBe(true);
    const texts = effects.flatMap((e) => (e.type === "reply" ? [e.message.text] : []));
    expect(texts.slice(-3)).toEqual([
      expect.stringMatching(/^id:system\.error/),
      "id:menu.welcome",
      "id:menu.question",
    ]);
  });

  it("recovers when a stored question no longer exists in the flows", () => {
    const host = new Host(all());
    host.send("halo");
    host.send("1");
    host.deps = { ...host.deps, flows: flows(MENU, LANGUAGE, HUMAN) };
    const texts = host.texts("25");
    expect(texts).toEqual(["id:system.error", "id:menu.welcome", "id:menu.question"]);
  });
});

describe("engine: free text", () => {
  const understood = (u: Partial<Understanding>) => (): Understanding => ({
    flow: null,
    confidence: "low",
    alternatives: [],
    lang: undefined,
    vars: {},
    ...u,
  });

  it("starts a flow on a confident match, with the variables the text gave", () => {
    const host = new Host(
      all(),
      understood({
        flow: "human",
        confidence: "high",
        vars: { intent_text: "tolong" },
        lang: "mad",
      }),
    );
    expect(host.texts("tolong")).toEqual(["mad:system.intro", "mad:human.ask"]);
    expect(host.state?.vars.intent_text).toBe("tolong");
  });

  it("asks 'did you mean' on a medium match and 'not understood' on a low one", () => {
    const medium = new Host(
      all(),
      understood({ flow: "form", confidence: "medium", alternatives: ["human", "nope"] }),
    );
    medium.send("halo");
    const out = medium.replies("sesuatu");
    expect(out.map((m) => m.text)).toEqual(["id:system.did_you_mean"]);
    expect(out[0]?.options?.map((o) => o.id)).toEqual(["form", "human", "back"]);
    expect(medium.texts("3")).toEqual(["id:menu.question"]);
    medium.send("sesuatu");
    expect(medium.texts("2")).toEqual(["id:human.ask"]);
    const idle = new Host(
      all(),
      understood({ flow: "form", confidence: "medium", alternatives: [] }),
    );
    expect(idle.lastOptions("sesuatu")).toEqual(["form", "menu"]);

    const low = new Host(all(), understood({}));
    expect(low.texts("cuaca hari ini")).toEqual(["id:system.intro", "id:system.not_understood"]);
    low.send("halo");
    // A sentence nothing understands is not "that option does not exist": it is said so, with
    // the way back to the question, the menu and a person.
    const unclear = low.replies("cuaca hari ini");
    expect(unclear.map((m) => m.text)).toEqual(["id:system.not_understood"]);
    expect(unclear[0]?.options?.map((o) => o.id)).toEqual(["back", "menu", "human"]);
    expect(low.texts("1")).toEqual(["id:menu.question"]);
    // A single stray word looks like a mistyped choice.
    expect(low.texts("cuaca")).toEqual(["id:system.hint_menu_number{max=2}", "id:menu.question"]);
    low.send({ type: "start", payload: "info" });
    const lowOut = low.replies("cuaca hari ini");
    expect(lowOut.map((m) => m.text)).toEqual([
      expect.stringMatching(/^id:system\.not_understood/),
    ]);
    expect(lowOut[0]?.options?.map((o) => o.id)).toEqual(["menu", "human"]);
  });
});

describe("engine: waiting for staff", () => {
  it("adds what the user writes to the open case, with one short acknowledgement after a staff reply, until the case closes", async () => {
    const { applyCaseUpdate } = await import("../../src/engine/case-update.ts");
    const host = new Host(all());
    host.send({ type: "start", payload: "human" });
    const ref = openCase(host.send("Anak saya hilang kontak"))?.ref as string;
    expect(host.state).toMatchObject({ mode: "awaiting_staff", openCase: ref });

    const first = host.send("namanya Siti");
    expect(first).toContainEqual({ type: "case_message", ref, text: "namanya Siti" });
    expect(
      first.filter((e) => e.type === "reply").map((e) => e.type === "reply" && e.message.text),
    ).toEqual([`id:system.added_to_case{case_ref=${ref}}`]);
    expect(host.send("di Johor").filter((e) => e.type === "reply")).toEqual([]);

    const replied = applyCaseUpdate(
      { ...host.deps, now: host.now },
      host.state as NonNullable<typeof host.state>,
      { type: "reply", ref, text: "Kami cek." },
    );
    host.state = replied.state;
    expect(replied.effects).toEqual([
      { type: "reply", message: { text: `id:system.staff_reply{case_ref=${ref}}` } },
    ]);
    expect(host.state.mode).toBe("staff_active");
    // Right after a staff reply, the person is told their answer reached staff (even within
    // the minutes after the last acknowledgement); the next lines go quietly.
    const acked = host.send("terima kasih");
    expect(acked).toEqual([
      { type: "case_message", ref, text: "terima kasih" },
      { type: "reply", message: { text: `id:system.forwarded_to_staff{case_ref=${ref}}` } },
    ]);
    const quiet = host.send("nanti saya kabari");
    expect(quiet).toEqual([{ type: "case_message", ref, text: "nanti saya kabari" }]);

    const closed = applyCaseUpdate({ ...host.deps, now: host.now }, host.state, {
      type: "status",
      ref,
      status: "closed",
      note: "Sudah pulang",
    });
    host.state = closed.state;
    expect(closed.effects.map((e) => e.type === "reply" && e.message.text)).toEqual([
      expect.stringMatching(
        /^id:system\.case_closed\{case_ref=JR-T1,status=id:system\.case_status_closed/,
      ),
      expect.stringMatching(/^id:system\.case_closed_note/),
    ]);
    expect(host.state).toMatchObject({ mode: "bot", openCase: null });
    expect(host.texts("halo")).toEqual(["id:menu.welcome", "id:menu.question"]);
  });
});
