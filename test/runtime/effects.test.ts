import { describe, expect, it } from "vitest";
import { engineBase, engineSettings, PROJECT_ROOT } from "../../src/app.ts";
import { contentDirs, loadContent } from "../../src/content.ts";
import { step } from "../../src/engine/engine.ts";
import type { CaseDraft } from "../../src/engine/types.ts";
import { EffectInterpreter } from "../../src/runtime/effects.ts";
import { openDatabase } from "../../src/store/db.ts";
import { Store } from "../../src/store/store.ts";
import { quietLog, seeded, testConfig } from "../helpers/app.ts";

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
const engine = engineBase(
  loadContent(contentDirs(PROJECT_ROOT)),
  engineSettings(testConfig()),
  quietLog,
);

function setup() {
  const store = new Store(openDatabase(":memory:"));
  const interpreter = (seed: number) =>
    new EffectInterpreter({ store, engine, log: quietLog, random: seeded(seed) });
  const user = store.users.touch("sim", "u1", NOW);
  const draft = (ref: string): CaseDraft => ({
    ref,
    kind: "question",
    category: "question",
    priority: "normal",
    answers: {},
    personal: [],
    flow: "human",
  });
  const open = (ref: string) =>
    store.cases.open(
      draft(ref),
      { userId: user.id, channel: "sim", address: "u1", lang: "id" },
      NOW,
    );
  return { store, interpreter, user, open };
}

describe("the effect interpreter", () => {
  it("gives the engine case references that are not taken yet (for staff updates too)", () => {
    const { interpreter, open } = setup();
    const first = interpreter(9).deps(NOW).newCaseRef();
    expect(first).toMatch(/^JR-[2-9A-Z]{4}$/);
    open(first);
    // The same seed would make the same reference first: it is taken now, so another comes.
    const second = interpreter(9).deps(NOW).newCaseRef();
    expect(second).toMatch(/^JR-[2-9A-Z]{4,6}$/);
    expect(second).not.toBe(first);
  });

  it("stores a step's replies and state; replies for staff are logged as theirs and carry the case", () => {
    const { store, interpreter, user, open } = setup();
    const effects = interpreter(1);
    const result = step(effects.deps(NOW), null, { type: "text", text: "halo" });
    const bot = effects.apply(user, result, NOW);
    expect(bot.queued.length).toBeGreaterThan(0);
    expect([...bot.channels]).toEqual(["sim"]);
    expect(store.sessions.load(user.id)).toEqual(result.state);
    const caseId = open("JR-2345");
    const update = { type: "reply" as const, message: { text: "Dari petugas" } };
    const staff = effects.apply(user, { state: result.state, effects: [update] }, NOW, {
      replyKind: "staff",
      caseId,
    });
    const queued = store.outbox.due("sim", NOW).get("u1") ?? [];
    expect(queued.map((o) => o.caseId)).toEqual([
      ...bot.queued.map(() => null),
      ...staff.queued.map(() => caseId),
    ]);
    expect(store.messages.recent(user.id, 1)[0]).toMatchObject({
      direction: "out",
      kind: "staff",
      text: "Dari petugas",
    });
  });
});
