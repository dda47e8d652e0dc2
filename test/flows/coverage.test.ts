/**
 * Measures what the conversation transcripts exercise, by watching the engine's node kinds while
 * every transcript is played: each contract flow must be played in both languages, and the
 * `report` and `offer_check` flows must take every branch (each branch case and its `else`, each
 * menu option, yes and no (and "don't know" where offered) of each yes/no question, answered and skipped for each optional one).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { test as holds } from "../../src/engine/conditions.ts";
import type { Understand } from "../../src/engine/deps.ts";
import type { Flow } from "../../src/engine/flow.ts";
import { NODE_KINDS } from "../../src/engine/nodes/index.ts";
import { pickOption } from "../../src/engine/nodes/menu.ts";
import type { Turn } from "../../src/engine/turn.ts";
import type { UserInput, Vars } from "../../src/engine/types.ts";
import { INTENT_FLOWS } from "../../src/flows/contract.ts";
import { EngineTalk, realContent } from "../helpers/engine.ts";
import { play, readTranscript } from "../helpers/transcript.ts";

const FULLY_COVERED = ["report", "offer_check"];

const played = new Set<string>(); // "lang:flow"
const seen = new Set<string>(); // "flow.node" and "flow.node#outcome"

function where(turn: Turn): string {
  return `${turn.at.flow}.${turn.at.node}`;
}

function watch(): void {
  // Spy each method once, on the original: a second spy on the same method would recurse.
  for (const kind of Object.values(NODE_KINDS)) {
    if (kind === NODE_KINDS.branch) continue;
    const arrive = kind.arrive.bind(kind) as (node: never, turn: Turn) => unknown;
    vi.spyOn(kind, "arrive").mockImplementation(((node: never, turn: Turn) => {
      played.add(`${turn.lang}:${turn.at.flow}`);
      seen.add(where(turn));
      return arrive(node, turn);
    }) as never);
  }
  const branchArrive = NODE_KINDS.branch.arrive.bind(NODE_KINDS.branch);
  vi.spyOn(NODE_KINDS.branch, "arrive").mockImplementation((node, turn) => {
    played.add(`${turn.lang}:${turn.at.flow}`);
    seen.add(where(turn));
    const vars = turn.state.vars;
    const index = node.cases.findIndex((c) =>
      (Array.isArray(c.when) ? c.when : [c.when]).every((cond) => holds(cond, vars)),
    );
    seen.add(`${where(turn)}#${index < 0 ? "else" : index}`);
    return branchArrive(node, turn);
  });
  const menuAnswer = NODE_KINDS.menu.answer?.bind(NODE_KINDS.menu);
  vi.spyOn(NODE_KINDS.menu, "answer").mockImplementation((node, input: UserInput, turn) => {
    const reply = menuAnswer?.(node, input, turn) ?? { unmatched: true as const };
    if ("to" in reply) {
      const labels = node.options.map((o) => turn.text(o.label));
      const chosen =
        input.type === "choice"
          ? node.options.find((o) => o.id === input.id)
          : input.type === "text"
            ? pickOption(node.options, labels, input.text)
            : undefined;
      if (chosen) seen.add(`${where(turn)}#${chosen.id}`);
    }
    return reply;
  });
  const askAnswer = NODE_KINDS.ask.answer?.bind(NODE_KINDS.ask);
  vi.spyOn(NODE_KINDS.ask, "answer").mockImplementation((node, input: UserInput, turn) => {
    const before = turn.state.vars[node.var];
    const reply = askAnswer?.(node, input, turn) ?? { unmatched: true as const };
    if ("to" in reply) {
      const value = turn.state.vars[node.var];
      if (node.input === "yesno" && (typeof value === "boolean" || value === "unknown"))
        seen.add(`${where(turn)}#${value}`);
      if (node.optional) {
        const skipped = value === before && (value === undefined || value === "");
        seen.add(`${where(turn)}#${skipped ? "skipped" : "answered"}`);
      }
    }
    return reply;
  });
}

/** Every outcome a flow offers, as the ids recorded above. */
/**
 * Branch cases on deployment data (`{ data: … }`, e.g. configured referral offices) depend on
 * `data/`, not on what a user does; test/referrals.test.ts plays them with such data.
 */
function onData(when: unknown): boolean {
  return (Array.isArray(when) ? when : [when]).some((c) => typeof c === "object" && "data" in c);
}

function outcomes(flow: Flow): string[] {
  const all: string[] = [];
  const dataOnly = new Set<string>();
  for (const node of Object.values(flow.nodes))
    if (node.type === "branch")
      for (const c of node.cases) if (onData(c.when)) dataOnly.add(c.next);
  for (const [id, node] of Object.entries(flow.nodes)) {
    const at = `${flow.id}.${id}`;
    if (!dataOnly.has(id)) all.push(at);
    if (node.type === "branch") {
      node.cases.forEach((c, i) => {
        if (!onData(c.when)) all.push(`${at}#${i}`);
      });
      all.push(`${at}#else`);
    }
    if (node.type === "menu") for (const o of node.options) all.push(`${at}#${o.id}`);
    if (node.type === "ask" && node.input === "yesno") all.push(`${at}#true`, `${at}#false`);
    if (node.type === "ask" && node.unknown) all.push(`${at}#unknown`);
    if (node.type === "ask" && node.optional) all.push(`${at}#answered`, `${at}#skipped`);
  }
  return all;
}

/** The matcher starting `report` with variables set (`what` / `country`). */
function prefilledReport(vars: Vars): void {
  const understand: Understand = () => ({
    flow: "report",
    confidence: "high",
    alternatives: [],
    lang: "id",
    vars,
  });
  const talk = new EngineTalk(understand);
  talk.say("keluarga saya ditahan");
  for (const answer of ["ya", "2", "lewati", "kemarin", "lewati", "lewati", "1", "lewati"])
    talk.say(answer);
  talk.say("lewati");
}

describe("what the transcripts exercise", () => {
  beforeAll(async () => {
    watch();
    const dir = join(import.meta.dirname, "..", "conversations");
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .sort())
      await play(readTranscript(join(dir, file)));
    prefilledReport({ intent_text: "x", what: "detained", country: "malaysia" });
  }, 120_000);
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it("plays every contract flow in Indonesian and in Madurese", () => {
    const missing = INTENT_FLOWS.flatMap((flow) =>
      ["id", "mad"].filter((lang) => !played.has(`${lang}:${flow}`)).map((l) => `${flow} (${l})`),
    );
    expect(missing).toEqual([]);
  });

  for (const id of FULLY_COVERED) {
    it(`takes every branch of ${id}`, () => {
      const flow = realContent().flows.flows.get(id) as Flow;
      const all = outcomes(flow);
      const missing = all.filter((o) => !seen.has(o));
      console.info(
        `${id}: ${all.length - missing.length}/${all.length} nodes and outcomes covered`,
      );
      expect(missing).toEqual([]);
    });
  }
});
