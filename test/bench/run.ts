/**
 * `npm run bench`: prints a table of side-by-side measurements made in this one run, then the
 * ratios `counters_vs_none` (the statistics' per-question counters) and `engine_vs_raw` on
 * the last lines. Not part of npm test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineEndToEnd, rawCeiling, type Timing } from "./engine.ts";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), "jr-bench-"));
const rows: [string, Timing][] = [];
const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(10);

try {
  // Warm up the JIT and the page cache once, then measure side by side.
  rawCeiling(join(dir, "warm-raw.db"), 2_000);
  engineEndToEnd(join(dir, "warm-engine.db"), 100, 2_000);

  const raw = rawCeiling(join(dir, "raw.db"), MESSAGES);
  rows.push(["1. raw SQLite writes per message (no engine)", raw]);
  const e1k = engineEndToEnd(join(dir, "e1k.db"), 1_000, MESSAGES);
  rows.push(["2. engine end to end, 1k stored users", e1k]);
  const e100k = engineEndToEnd(join(dir, "e100k.db"), 100_000, MESSAGES);
  rows.push(["2. engine end to end, 100k stored users", e100k]);
  // The statistics' per-question counters, off and on again, side by side.
  const off = engineEndToEnd(join(dir, "off.db"), 1_000, MESSAGES, { questionCounters: false });
  rows.push(["3. engine, 1k users, no question counters", off]);
  const on = engineEndToEnd(join(dir, "on.db"), 1_000, MESSAGES);
  rows.push(["3. engine, 1k users, question counters", on]);
  const rss = process.memoryUsage().rss / 2 ** 20;

  console.log(
    `${"measurement".padEnd(48)}${"msg/s".padStart(10)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}`,
  );
  for (const [name, t] of rows)
    console.log(`${name.padEnd(48)}${fmt(t.perSecond)}${fmt(t.p50, 3)}${fmt(t.p99, 3)}`);
  console.log(`${"4. RSS after 100k users (MiB)".padEnd(48)}${fmt(rss)}`);
  console.log(`counters_vs_none=${(on.perSecond / off.perSecond).toFixed(2)}`);
  console.log(
    `engine_vs_raw=${(Math.min(e1k.perSecond, e100k.perSecond) / raw.perSecond).toFixed(2)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
