/**
 * `npm run intents` reports what the bot does with a new user's first message: for each text,
 * the flow the engine enters (or offers first, or none) is the flow the command prints.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { intentLine } from "../../src/cli/intents.ts";
import { translatorFor } from "../../src/content.ts";
import type { EngineDeps } from "../../src/engine/deps.ts";
import { step } from "../../src/engine/engine.ts";
import { NODE_KINDS } from "../../src/engine/nodes/index.ts";
import { Matcher } from "../../src/understanding/matcher.ts";
import { realContent } from "../helpers/engine.ts";

const TEXTS = [
  "mau lapor",
  "halo",
  "assalamualaikum",
  "bantuan",
  "hapus",
  "cek JR-7Q3K",
  "cek paspor",
  "sos",
  "alapor",
  "terima kasih",
  "tolong saya disekap majikan",
  "ana' kaula epokol majikan e malaysia",
  "saya ingin bunuh diri",
  "anak saya hilang kontak di malaysia",
  "gaji suami saya tidak dibayar 5 bulan",
  "berapa biaya ke malaysia",
  "brempa ongkosse mangkat ka malaysia lewat PT?",
  "gmn cara cek PT resmi apa enjek?",
  "paspor bikin dimana",
  "brp gaji di hongkong",
  "sy mau lapor",
  "kalau mau ke taiwan gimana",
  "harga cabe hari ini brp",
  "asdfgh jkl",
  "p",
  "",
  "min",
];

describe("first-message routing: the intents command and the engine agree", () => {
  const entered: string[] = [];
  let matcher: Matcher;
  beforeAll(() => {
    const content = realContent();
    if (!content.understanding) throw new Error("no understanding data");
    matcher = new Matcher(content.understanding, content.reference.sources.countries ?? []);
    // Record the first flow the engine arrives in.
    for (const kind of Object.values(NODE_KINDS)) {
      const arrive = kind.arrive.bind(kind) as typeof kind.arrive;
      vi.spyOn(kind, "arrive").mockImplementation(((
        node: never,
        turn: { at: { flow: string } },
      ) => {
        entered.push(turn.at.flow);
        return arrive(node, turn as never);
      }) as never);
    }
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it.each(TEXTS)("%j", (text) => {
    const content = realContent();
    const { reference } = content;
    const routing = { flows: content.flows.flows, commands: reference.commands };
    const cli = intentLine(matcher, routing, text, "id", false);

    const deps: EngineDeps = {
      ...routing,
      t: translatorFor(content),
      now: Date.UTC(2026, 11, 4, 9),
      newCaseRef: () => "JR-TEST",
      settings: { defaultLang: "id", idleMs: 3_600_000, maxSteps: 100, maxRetries: 2 },
      lexicon: reference.lexicon,
      sources: reference.sources,
      params: reference.params,
      understand: matcher.understand,
      sense: matcher.sense,
    };
    entered.length = 0;
    const { state } = step(deps, null, { type: "text", text });
    const prompt = state.prompt;
    // The flow started, else the first flow "did you mean" offers, else none.
    const engine =
      entered[0] ??
      (prompt?.kind === "system" && prompt.name === "did_you_mean" ? prompt.options[0] : null) ??
      null;
    expect(cli.intent).toBe(engine);
  });
});
