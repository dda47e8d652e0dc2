/**
 * `npm run bench`: prints a table of side-by-side measurements made in this one run, then the
 * ratios `engine_vs_raw` and `ours_vs_conversations_30`, the memory `rss_100k_mib` and a new
 * Telegram user's time to first reply without and with a staff backlog
 * (`first_reply_p99_ms`, `first_reply_p99_ms_with_staff_backlog`) on the last lines. Not part
 * of npm test.
 * Each disk-bound measurement is repeated, alternating, and the median kept: SQLite's WAL
 * checkpoints make single runs noisy on a shared machine.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ours, withConversations } from "./conversations.ts";
import { engineEndToEnd, populate, rawCeiling, type Timing } from "./engine.ts";
import { firstReply, percentile } from "./first-reply.ts";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
/** Messages per dialogue length in part 3 (split over as many chats as it takes). */
const DIALOGUE_MESSAGES = Number(process.env.BENCH_DIALOGUE_MESSAGES ?? 3_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DIALOGUE_ROUNDS = Number(process.env.BENCH_DIALOGUE_ROUNDS ?? 5);
/** Part 5: new Telegram users per round, and rounds (each without, then with the backlog). */
const FIRST_REPLY_USERS = Number(process.env.BENCH_FIRST_REPLY_USERS ?? 40);
const FIRST_REPLY_ROUNDS = Number(process.env.BENCH_FIRST_REPLY_ROUNDS ?? 3);
const STAFF_BACKLOG = 100;

const dir = mkdtempSync(join(tmpdir(), "jr-bench-"));
let serial = 0;
const db = () => join(dir, `b${serial++}.db`);
const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(10);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
/**
 * Part 4: the RSS (MiB) of a bot process of its own (Node with tsx, as `npm start`) on a
 * database holding `stored` users, after it handled MESSAGES messages.
 */
const botRss = (stored: number): number => {
  const path = db();
  populate(path, stored);
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", new URL("./memory.ts", import.meta.url).pathname, path, String(MESSAGES)],
    { encoding: "utf8" },
  );
  return (JSON.parse(out.trim().split("\n").at(-1) as string) as { rssMiB: number }).rssMiB;
};
const medianTiming = (ts: Timing[]): Timing => ({
  perSecond: median(ts.map((t) => t.perSecond)),
  p50: median(ts.map((t) => t.p50)),
  p99: median(ts.map((t) => t.p99)),
});

try {
  const rows: [string, Timing][] = [];
  const ratios: number[] = [];
  for (const stored of [1_000, 100_000]) {
    const raws: Timing[] = [];
    const engines: Timing[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const engine = engineEndToEnd(db(), stored, MESSAGES);
      const raw = rawCeiling(db(), stored, engine.written);
      engines.push(engine.timing);
      raws.push(raw);
      ratios.push(engine.timing.perSecond / raw.perSecond);
    }
    rows.push([
      `1. raw SQLite writes, same as the engine's (${stored / 1000}k users)`,
      medianTiming(raws),
    ]);
    rows.push([`2. engine end to end (${stored / 1000}k stored users)`, medianTiming(engines)]);
  }
  // This process now carries six bots and twelve databases' worth of garbage; the bot's own
  // memory is measured in a process of its own, with few and many stored users side by side.
  const benchRss = process.memoryUsage().rss / 2 ** 20;
  const rss1k = botRss(1_000);
  const rss100k = botRss(100_000);

  // The statistics' per-question counters (one upsert per question touched), off and on.
  const off: Timing[] = [];
  const on: Timing[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    off.push(engineEndToEnd(db(), 1_000, MESSAGES, { questionCounters: false }).timing);
    on.push(engineEndToEnd(db(), 1_000, MESSAGES).timing);
  }
  rows.push(["   engine without the question counters (1k users)", medianTiming(off)]);

  // Part 3: per-message cost of one dialogue at 3, 30 and 100 turns, ours vs conversations.
  await ours(10, 20);
  await withConversations(10, 20);
  // Rounds interleave the lengths, so that drift (disk, other load) touches all of them alike.
  const LENGTHS = [3, 30, 100];
  const samples = new Map(
    LENGTHS.map((t) => [t, { ours: [] as number[], conversations: [] as number[] }]),
  );
  for (let round = 0; round < DIALOGUE_ROUNDS; round++) {
    for (const turns of LENGTHS) {
      const chats = Math.ceil(DIALOGUE_MESSAGES / turns);
      const sample = samples.get(turns) as { ours: number[]; conversations: number[] };
      sample.ours.push(await ours(turns, chats));
      sample.conversations.push(await withConversations(turns, chats));
    }
  }
  const dialogue = LENGTHS.map((turns) => {
    const sample = samples.get(turns) as { ours: number[]; conversations: number[] };
    return { turns, ours: median(sample.ours), conversations: median(sample.conversations) };
  });

  // Part 5: a new user's first reply through grammY and Telegram's limits, without and with
  // STAFF_BACKLOG cards held back by the staff group's limit; rounds alternate.
  const quiet: number[] = [];
  const backlogged: number[] = [];
  for (let round = 0; round < FIRST_REPLY_ROUNDS; round++) {
    const users = FIRST_REPLY_USERS;
    quiet.push(...(await firstReply({ backlog: 0, users, gapMs: 100 })).latencies);
    backlogged.push(...(await firstReply({ backlog: STAFF_BACKLOG, users, gapMs: 100 })).latencies);
  }
  const replyP = (xs: number[], p: number) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      p,
    );

  console.log(
    `${"measurement".padEnd(58)}${"msg/s".padStart(10)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}`,
  );
  for (const [name, t] of rows)
    console.log(`${name.padEnd(58)}${fmt(t.perSecond)}${fmt(t.p50, 3)}${fmt(t.p99, 3)}`);
  console.log(`${"4. RSS of the bot, 1k stored users (MiB)".padEnd(58)}${fmt(rss1k)}`);
  console.log(`${"   RSS of the bot, 100k stored users (MiB)".padEnd(58)}${fmt(rss100k)}`);
  console.log(`${"   RSS of this benchmark process (MiB)".padEnd(58)}${fmt(benchRss)}`);
  console.log("");
  console.log(
    `${"3. one dialogue via grammY handleUpdate".padEnd(58)}${"ours ms".padStart(10)}${"conv. ms".padStart(10)}${"ratio".padStart(10)}`,
  );
  for (const d of dialogue) {
    console.log(
      `${`   ${d.turns} turns, per message`.padEnd(58)}${fmt(d.ours, 3)}${fmt(d.conversations, 3)}${fmt(d.conversations / d.ours, 2)}`,
    );
  }
  const at = (turns: number) =>
    dialogue.find((d) => d.turns === turns) as (typeof dialogue)[number];
  console.log("");
  console.log(
    `counters_vs_none=${(median(on.map((t) => t.perSecond)) / median(off.map((t) => t.perSecond))).toFixed(2)}`,
  );
  console.log(`ours_100_vs_3_turns=${(at(100).ours / at(3).ours).toFixed(2)}`);
  console.log(
    `engine_vs_raw=${Math.min(...[0, 1].map((i) => median(ratios.slice(i * ROUNDS, (i + 1) * ROUNDS)))).toFixed(2)}`,
  );
  console.log(`ours_vs_conversations_30=${(at(30).conversations / at(30).ours).toFixed(2)}`);
  console.log(`rss_100k_mib=${rss100k.toFixed(0)}`);
  console.log("");
  console.log(
    `5. first reply to a new Telegram user (${quiet.length} users; p50 ${replyP(quiet, 50).toFixed(1)} ms, with ${STAFF_BACKLOG} staff cards waiting ${replyP(backlogged, 50).toFixed(1)} ms)`,
  );
  console.log(`first_reply_p99_ms=${replyP(quiet, 99).toFixed(1)}`);
  console.log(`first_reply_p99_ms_with_staff_backlog=${replyP(backlogged, 99).toFixed(1)}`);
  console.log(
    `first_reply_backlog_vs_none=${(replyP(backlogged, 99) / replyP(quiet, 99)).toFixed(2)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
