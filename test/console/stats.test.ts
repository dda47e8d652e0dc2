import { describe, expect, it } from "vitest";
import { median, statistics, weekStart } from "../../src/console/stats.ts";
import type { SessionState } from "../../src/engine/types.ts";
import { promptMoves } from "../../src/runtime/prompt-moves.ts";
import type { CaseRecord } from "../../src/store/cases.ts";
import { testBot } from "../helpers/app.ts";

const state = (prompt: { flow: string; node: string; seq: number } | null, lastActive = 0) =>
  ({
    v: 1,
    lang: "id",
    langChosen: true,
    prompt: prompt ? { kind: "node", options: [], ...prompt } : null,
    stack: [],
    vars: {},
    retries: 0,
    seq: prompt?.seq ?? 0,
    lastActive,
    mode: "bot",
  }) as SessionState;

describe("question counters", () => {
  it("count a new question, a question left behind, and no repeat", () => {
    const idle = 60_000;
    const a = { flow: "report", node: "what", seq: 3 };
    const b = { flow: "report", node: "who", seq: 4 };
    expect(promptMoves(null, state(a), 10, idle)).toEqual([
      { flow: "report", node: "what", reached: true, entry: true },
    ]);
    expect(promptMoves(state(a, 0), state(a, 10), 10, idle)).toEqual([]);
    expect(promptMoves(state(a, 0), state(b, 10), 10, idle)).toEqual([
      { flow: "report", node: "what", answered: true },
      { flow: "report", node: "who", reached: true, entry: false },
    ]);
    expect(promptMoves(state(b, 0), state(null, 10), 10, idle)).toEqual([
      { flow: "report", node: "who", answered: true },
    ]);
    // Back after the session went stale: the old question was abandoned, not answered.
    const menu = { flow: "menu", node: "start", seq: 5 };
    expect(promptMoves(state(b, 0), state(menu, idle + 1), idle + 1, idle)).toEqual([
      { flow: "menu", node: "start", reached: true, entry: true },
    ]);
  });

  it("are kept per question as conversations run, in the same transaction", async () => {
    const { app, sim, clock } = testBot();
    const say = (from: string, text: string) => sim.line(JSON.stringify({ from, text }));
    await say("user:a", "lapor");
    await say("user:a", "1");
    await say("user:b", "lapor");
    clock.advance(2 * 3_600_000);
    await say("user:b", "halo");
    const totals = app.store.flowStats.totals(clock.now() - 86_400_000, clock.now());
    const consent = totals.find((t) => t.flow === "report" && t.reached === 2);
    expect(consent).toMatchObject({ reached: 2, answered: 1, entries: 2 });
    expect(totals.find((t) => t.flow === "menu")?.entries).toBe(1);
    await app.close();
  });
});

describe("statistics", () => {
  it("count per danger rule the emergencies it started, declined and left for something else", async () => {
    const { app, sim, clock } = testBot();
    const say = (from: string, text: string) => sim.line(JSON.stringify({ from, text }));
    const tap = (from: string, choice: string) => sim.line(JSON.stringify({ from, choice }));
    await say("user:a", "anak saya dijual agen ke kamboja");
    await tap("user:a", "malaysia");
    await say("user:a", "tidak");
    await say("user:b", "istri saya dijual calo");
    await tap("user:b", "malaysia");
    await say("user:b", "ya");
    await say("user:c", "majikan ngancam saya terus");
    await say("user:c", "menu");
    // Emergencies not started by a rule count nothing.
    await say("user:d", "darurat");
    await say("user:d", "tidak");
    const totals = app.store.flowStats.totals(clock.now() - 86_400_000, clock.now());
    const stats = statistics([], totals, clock.now());
    expect(stats.dangerRules).toEqual([
      { rule: "sold", started: 2, declined: 1, left: 0 },
      { rule: "violence_by", started: 1, declined: 0, left: 1 },
    ]);
    // The counters are no questions: they stay out of the flows and the drop-off.
    expect(stats.flows.some((f) => f.flow.startsWith("danger:"))).toBe(false);
    expect(stats.dropoff.some((n) => n.flow.startsWith("danger:"))).toBe(false);
    await app.close();
  });

  it("weeks start on Monday in Pamekasan time", () => {
    // Monday 2026-11-23 00:30 WIB is Sunday 17:30 UTC.
    const monday = Date.parse("2026-11-23T00:30:00+07:00");
    expect(weekStart(monday)).toBe(Date.parse("2026-11-23T00:00:00+07:00"));
    expect(weekStart(Date.parse("2026-11-29T23:59:00+07:00"))).toBe(
      Date.parse("2026-11-23T00:00:00+07:00"),
    );
  });

  it("median of none, odd and even counts", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("counts cases per week by category and country, folds rare ones, and takes medians", () => {
    const now = Date.parse("2026-11-27T12:00:00+07:00");
    const week = 7 * 86_400_000;
    const made = (
      i: number,
      category: string,
      country: string | undefined,
      ago: number,
      hours?: number,
    ) =>
      ({
        id: i,
        ref: `JR-${i}`,
        category,
        answers: country ? { country } : {},
        createdAt: now - ago,
        firstResponseAt: hours === undefined ? null : now - ago + hours * 3_600_000,
      }) as unknown as CaseRecord;
    const cases = [
      made(1, "unpaid", "malaysia", 0, 1),
      made(2, "unpaid", "malaysia", 0, 3),
      made(3, "lost_contact", "taiwan", week, 10),
      made(4, "a", undefined, week),
      made(5, "b", undefined, 0),
      made(6, "c", undefined, 0),
      made(7, "d", undefined, 0),
      made(8, "e", undefined, 0),
      made(9, "old", undefined, 20 * week),
    ];
    const stats = statistics(
      cases,
      [
        { flow: "report", node: "what", reached: 10, answered: 7, entries: 10 },
        { flow: "report", node: "who", reached: 7, answered: 7, entries: 0 },
      ],
      now,
      4,
    );
    expect(stats.weeks).toHaveLength(4);
    expect(stats.byCategory).toHaveLength(6);
    expect(stats.byCategory[0]).toEqual({ key: "unpaid", counts: [0, 0, 0, 2] });
    expect(stats.byCategory.at(-1)?.key).toBeNull();
    const total = stats.byCategory.reduce((n, b) => n + b.counts.reduce((x, y) => x + y, 0), 0);
    expect(total).toBe(8);
    expect(stats.byCountry.find((b) => b.key === "")?.counts).toEqual([0, 0, 1, 4]);
    expect(stats.responseHours).toEqual([null, null, 10, 2]);
    expect(stats.overallHours).toBe(3);
    expect(stats.overallResponded).toBe(3);
    expect(stats.flows).toEqual([{ flow: "report", entries: 10 }]);
    expect(stats.dropoff).toEqual([
      {
        flow: "report",
        node: "what",
        reached: 10,
        answered: 7,
        entries: 10,
        dropped: 3,
        rate: 0.3,
      },
    ]);
  });
});
