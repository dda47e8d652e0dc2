/**
 * Benchmark part 4, run in a process of its own (as `npm start` runs the bot: Node with tsx):
 * `tsx test/bench/memory.ts <database> <messages>` opens a database that already holds the
 * stored users, builds the bot, handles `messages` messages from 500 people talking at once,
 * and prints one JSON line with the process's RSS in MiB. Measured in its own process because
 * the benchmark's process also carries its other measurements (several bots, many databases,
 * what each run wrote), which says nothing about the bot.
 */
import { createApp } from "../../src/app.ts";
import { readConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { DIALOGUE } from "./engine.ts";

const LIVE_USERS = 500;
const [path, count] = process.argv.slice(2);
if (!path) throw new Error("usage: memory.ts <database> [messages]");
const messages = Number(count ?? 10_000);

const app = createApp({
  config: readConfig({ LOG_LEVEL: "silent", FLOOD_MAX_MESSAGES: "1000000" }),
  log: createLogger("silent"),
  databasePath: path,
});
for (let i = 0; i < messages; i++) {
  app.runtime.handle({
    channel: "bench",
    address: `live-${i % LIVE_USERS}`,
    messageId: `m-${i}`,
    input: { type: "text", text: DIALOGUE[Math.floor(i / LIVE_USERS) % DIALOGUE.length] as string },
  });
}
const rssMiB = process.memoryUsage().rss / 2 ** 20;
await app.close();
console.log(JSON.stringify({ rssMiB }));
