/**
 * Benchmark parts 1, 2 and 4: the engine end to end (inbound → engine → one transaction →
 * outbox) with 1k and 100k stored users; the raw ceiling, which makes exactly the same SQLite
 * writes for the same messages without the engine; and memory after 100k users.
 */
import { createApp } from "../../src/app.ts";
import { readConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/db.ts";
import { type NodeCount, wibDay } from "../../src/store/flow-stats.ts";

/** The conversation the engine benchmark plays, one message per user per round. */
export const DIALOGUE = ["halo", "9", "1", "1", "2", "0", "1", "1", "0", "9"];
/** Users talking at the same time. */
const LIVE_USERS = 500;

export interface Timing {
  perSecond: number;
  p50: number;
  p99: number;
}

/** What one message wrote: its text, the replies queued, the statistics and the session. */
export interface Written {
  address: string;
  text: string;
  replies: { payload: string; text: string }[];
  counts: NodeCount[];
  state: string;
}

/** Messages/s and latency percentiles (ms) of per-message durations (ns). */
export function timing(durations: bigint[], wallNs: bigint): Timing {
  const ms = durations.map((d) => Number(d) / 1e6).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return { perSecond: (durations.length / Number(wallNs)) * 1e9, p50: at(0.5), p99: at(0.99) };
}

/** Fills a database with `n` users, each with a stored session at the main menu. */
export function populate(path: string, n: number): void {
  const db = openDatabase(path);
  const now = Date.now();
  const state = JSON.stringify({
    v: 1,
    lang: "id",
    langChosen: false,
    prompt: null,
    stack: [],
    vars: {},
    retries: 0,
    seq: 1,
    lastActive: now,
    mode: "bot",
  });
  const user = db.prepare(
    "INSERT INTO users (channel, address, first_seen, last_seen) VALUES ('bench', ?, ?, ?)",
  );
  const session = db.prepare(
    "INSERT INTO sessions (user_id, state, flow, node, mode, idle_deadline, updated_at) VALUES (?, ?, NULL, NULL, 'bot', NULL, ?)",
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++)
      session.run(Number(user.run(`stored-${i}`, now, now).lastInsertRowid), state, now);
  })();
  db.close();
}

/** Part 2: `Runtime.handle` end to end; also returns what each message wrote. */
export function engineEndToEnd(
  path: string,
  storedUsers: number,
  messages: number,
  options: { questionCounters?: boolean } = {},
): { timing: Timing; written: Written[] } {
  populate(path, storedUsers);
  const app = createApp({
    config: readConfig({ LOG_LEVEL: "silent", FLOOD_MAX_MESSAGES: "1000000" }),
    log: createLogger("silent"),
    databasePath: path,
  });
  const durations: bigint[] = [];
  const queued: number[][] = [];
  // The statistics' per-question counters: off (to measure their cost), or kept for the replay.
  const counts: NodeCount[][] = [];
  const record = app.store.flowStats.record.bind(app.store.flowStats);
  app.store.flowStats.record =
    options.questionCounters === false
      ? () => {}
      : (c, now) => {
          counts.push([...c]);
          record(c, now);
        };
  const start = process.hrtime.bigint();
  for (let i = 0; i < messages; i++) {
    const text = DIALOGUE[Math.floor(i / LIVE_USERS) % DIALOGUE.length] as string;
    const t0 = process.hrtime.bigint();
    const handled = app.runtime.handle({
      channel: "bench",
      address: `live-${i % LIVE_USERS}`,
      messageId: `e-${i}`,
      input: { type: "text", text },
    });
    durations.push(process.hrtime.bigint() - t0);
    queued.push(handled.queued);
  }
  const result = timing(durations, process.hrtime.bigint() - start);
  // Afterwards (not timed): what the engine wrote, for the raw ceiling to write again.
  const db = app.store.db;
  const payload = db.prepare<[number], { payload: string }>(
    "SELECT payload FROM outbox WHERE id = ?",
  );
  const states = new Map(
    (
      db
        .prepare(
          "SELECT u.address, s.state FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.address LIKE 'live-%'",
        )
        .all() as { address: string; state: string }[]
    ).map((r) => [r.address, r.state]),
  );
  const written = queued.map((ids, i) => {
    const address = `live-${i % LIVE_USERS}`;
    const replies = ids.map((id) => {
      const p = payload.get(id)?.payload ?? "{}";
      return { payload: p, text: (JSON.parse(p) as { text: string }).text };
    });
    return {
      address,
      text: DIALOGUE[Math.floor(i / LIVE_USERS) % DIALOGUE.length] as string,
      replies,
      counts: counts[i] ?? [],
      state: states.get(address) ?? "{}",
    };
  });
  void app.close();
  return { timing: result, written };
}

/** Part 1: the same SQLite writes per message as the engine made, without the engine. */
export function rawCeiling(path: string, storedUsers: number, written: Written[]): Timing {
  populate(path, storedUsers);
  const db = openDatabase(path);
  const claim = db.prepare(
    "INSERT INTO inbound (channel, message_id, received_at) VALUES ('bench', ?, ?) ON CONFLICT DO NOTHING",
  );
  const touch = db.prepare(
    `INSERT INTO users (channel, address, first_seen, last_seen) VALUES ('bench', ?, ?, ?)
     ON CONFLICT (channel, address) DO UPDATE SET last_seen = excluded.last_seen, reachable = 1 RETURNING id`,
  );
  const load = db.prepare("SELECT state FROM sessions WHERE user_id = ?");
  const log = db.prepare(
    "INSERT INTO messages (user_id, direction, kind, text, created_at) VALUES (?, ?, 'text', ?, ?)",
  );
  const save = db.prepare(
    `INSERT INTO sessions (user_id, state, flow, node, mode, idle_deadline, updated_at) VALUES (?, ?, 'menu', 'main', 'bot', ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, flow = excluded.flow, node = excluded.node,
       mode = excluded.mode, idle_deadline = excluded.idle_deadline, updated_at = excluded.updated_at`,
  );
  const out = db.prepare(
    "INSERT INTO outbox (user_id, channel, address, payload, case_id, created_at, next_attempt_at, transient) VALUES (?, 'bench', ?, ?, NULL, ?, ?, 0)",
  );
  const bump = db.prepare(
    `INSERT INTO flow_stats (day, flow, node, reached, answered, entries) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, flow, node) DO UPDATE SET reached = reached + excluded.reached,
       answered = answered + excluded.answered, entries = entries + excluded.entries`,
  );
  const tx = db.transaction((w: Written, i: number) => {
    const now = Date.now();
    claim.run(`raw-${i}`, now);
    const { id } = touch.get(w.address, now, now) as { id: number };
    load.get(id);
    log.run(id, "in", w.text, now);
    for (const r of w.replies) {
      out.run(id, w.address, r.payload, now, now);
      log.run(id, "out", r.text, now);
    }
    for (const c of w.counts) {
      bump.run(wibDay(now), c.flow, c.node, c.reached ? 1 : 0, c.answered ? 1 : 0, c.entry ? 1 : 0);
    }
    save.run(id, w.state, now + 3_600_000, now);
  });
  const durations: bigint[] = [];
  const start = process.hrtime.bigint();
  written.forEach((w, i) => {
    const t0 = process.hrtime.bigint();
    tx.immediate(w, i);
    durations.push(process.hrtime.bigint() - t0);
  });
  const result = timing(durations, process.hrtime.bigint() - start);
  db.close();
  return result;
}
