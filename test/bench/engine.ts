/**
 * Benchmark parts 1, 2 and 4: the raw SQLite ceiling, the engine end to end (inbound → engine →
 * one transaction → outbox) with 1k and 100k stored users, and memory after 100k users.
 */
import { createApp } from "../../src/app.ts";
import { readConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/db.ts";

/** The same conversation every benchmark plays, one message at a time. */
export const DIALOGUE = ["halo", "1", "2", "1", "1", "0", "1", "6", "2", "0"];

export interface Timing {
  perSecond: number;
  p50: number;
  p99: number;
}

/** Messages/s and latency percentiles (ms) of a list of per-message durations (ns). */
export function timing(durations: bigint[], wallNs: bigint): Timing {
  const ms = durations.map((d) => Number(d) / 1e6).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return { perSecond: (durations.length / Number(wallNs)) * 1e9, p50: at(0.5), p99: at(0.99) };
}

/** Fills a database with `n` users, each with a stored session at the main menu. */
function populate(path: string, n: number): void {
  const db = openDatabase(path);
  const now = Date.now();
  const state = JSON.stringify({
    v: 1,
    lang: "id",
    langChosen: false,
    prompt: {
      kind: "node",
      flow: "menu",
      node: "main",
      seq: 1,
      options: ["contacts", "human", "privacy", "language"],
    },
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
    "INSERT INTO sessions (user_id, state, flow, node, mode, idle_deadline, updated_at) VALUES (?, ?, 'menu', 'main', 'bot', ?, ?)",
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = Number(user.run(`stored-${i}`, now, now).lastInsertRowid);
      session.run(id, state, now + 3_600_000, now);
    }
  })();
  db.close();
}

/** Part 1: the writes the runtime makes per message, done directly, without the engine. */
export function rawCeiling(path: string, messages: number): Timing {
  const db = openDatabase(path);
  const claim = db.prepare(
    "INSERT INTO inbound (channel, message_id, received_at) VALUES ('bench', ?, ?) ON CONFLICT DO NOTHING",
  );
  const touch = db.prepare(
    `INSERT INTO users (channel, address, first_seen, last_seen) VALUES ('bench', ?, ?, ?)
     ON CONFLICT (channel, address) DO UPDATE SET last_seen = excluded.last_seen RETURNING id`,
  );
  const load = db.prepare("SELECT state FROM sessions WHERE user_id = ?");
  const log = db.prepare(
    "INSERT INTO messages (user_id, direction, kind, text, created_at) VALUES (?, ?, 'text', ?, ?)",
  );
  const save = db.prepare(
    `INSERT INTO sessions (user_id, state, flow, node, mode, idle_deadline, updated_at) VALUES (?, ?, 'menu', 'main', 'bot', ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  );
  const out = db.prepare(
    "INSERT INTO outbox (user_id, channel, address, payload, created_at, next_attempt_at) VALUES (?, 'bench', ?, ?, ?, ?)",
  );
  const state = JSON.stringify({
    v: 1,
    lang: "id",
    prompt: { kind: "node", flow: "menu", node: "main", seq: 3 },
    vars: {},
  });
  const payload = JSON.stringify({
    text: "Silakan pilih menu dengan mengetik nomornya:",
    options: [{ id: "a", label: "A" }],
  });
  const tx = db.transaction((i: number) => {
    const now = Date.now();
    const address = `raw-${i % 500}`;
    claim.run(`raw-${i}`, now);
    const { id } = touch.get(address, now, now) as { id: number };
    load.get(id);
    log.run(id, "in", DIALOGUE[i % DIALOGUE.length], now);
    save.run(id, state, now + 3_600_000, now);
    out.run(id, address, payload, now, now);
    log.run(id, "out", "Silakan pilih menu", now);
  });
  const durations: bigint[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < messages; i++) {
    const t0 = process.hrtime.bigint();
    tx.immediate(i);
    durations.push(process.hrtime.bigint() - t0);
  }
  const result = timing(durations, process.hrtime.bigint() - start);
  db.close();
  return result;
}

/** Part 2: `Runtime.handle` end to end, on a database holding `storedUsers` users. */
export function engineEndToEnd(
  path: string,
  storedUsers: number,
  messages: number,
  options: { questionCounters?: boolean } = {},
): Timing {
  populate(path, storedUsers);
  const app = createApp({
    config: readConfig({ LOG_LEVEL: "silent", FLOOD_MAX_MESSAGES: "1000000" }),
    log: createLogger("silent"),
    databasePath: path,
  });
  // For measuring what the statistics' per-question counters cost per message.
  if (options.questionCounters === false) app.store.flowStats.record = () => {};
  const durations: bigint[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < messages; i++) {
    const t0 = process.hrtime.bigint();
    app.runtime.handle({
      channel: "bench",
      address: `live-${i % 500}`,
      messageId: `e-${i}`,
      input: { type: "text", text: DIALOGUE[Math.floor(i / 500) % DIALOGUE.length] as string },
    });
    durations.push(process.hrtime.bigint() - t0);
  }
  const result = timing(durations, process.hrtime.bigint() - start);
  void app.close();
  return result;
}
