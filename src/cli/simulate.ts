/**
 * `npm run --silent simulate -- [--db PATH] [--lang id|mad]`: the JSON-lines simulator
 * (a fixed format, see README "Simulator protocol"). One JSON object per input line; exactly one JSON line out per input line;
 * exit 0 at end of input. Without --db a temporary database is used and removed at exit.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createApp } from "../app.ts";
import { Simulator, SimulatorChannel } from "../channels/simulator/channel.ts";
import { loadDotEnv, readConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { runCli } from "./run.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { db: { type: "string" }, lang: { type: "string" } },
    allowPositionals: false,
  });
  if (values.lang !== undefined && values.lang !== "id" && values.lang !== "mad") {
    console.error("--lang: expected id or mad");
    return 2;
  }
  loadDotEnv();
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };
  if (values.lang) env.DEFAULT_LANGUAGE = values.lang;
  const config = readConfig(env);
  const temp = values.db ? undefined : mkdtempSync(join(tmpdir(), "jalur-sim-"));
  const databasePath = values.db ?? join(temp as string, "sim.db");
  const channel = new SimulatorChannel();
  const app = createApp({
    config,
    log: createLogger(config.LOG_LEVEL),
    channels: [channel],
    databasePath,
  });
  await channel.start(app);
  const simulator = new Simulator(channel, values.lang ? { langHint: values.lang } : {});
  try {
    const rl = createInterface({ input: process.stdin, terminal: false });
    for await (const raw of rl) {
      if (!raw.trim()) continue;
      const output = await simulator.line(raw);
      process.stdout.write(`${JSON.stringify(output)}\n`);
    }
  } finally {
    await app.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
  return 0;
}

runCli(main);
