/**
 * `npm run bench:telegram [-- --users N --messages M]`: N simulated users each write M messages
 * (typed texts and button taps, each waiting for the bot's answer, like a person) to the real
 * bot over HTTP through the fake Bot API. Runs twice side by side — without outbound limits
 * (the pipeline's own speed) and with Telegram's limits — and prints messages per second, reply
 * latency, the share of replies delivered (must be 100%), and the busiest second per chat and
 * overall (must stay within Telegram's limits in the throttled run).
 */
import { parseArgs } from "node:util";
import {
  NO_LIMITS,
  TELEGRAM_LIMITS,
  type ThrottleLimits,
} from "../../src/channels/telegram/throttle.ts";
import { FakeBotApi, type Sent } from "../helpers/fake-bot-api.ts";
import { eventually, startTelegramBot, tempDatabase } from "../helpers/telegram.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "50" },
    messages: { type: "string", default: "10" },
  },
});
const USERS = Number(values.users);
const MESSAGES = Number(values.messages);
const TEXTS = ["1", "2", "0", "bahasa", "1", "menu", "3", "2", "halo", "4"];

interface Result {
  label: string;
  seconds: number;
  inbound: number;
  created: number;
  delivered: number;
  failed: number;
  latencies: number[];
  maxPerChatSecond: number;
  maxGlobalSecond: number;
}

/** The most items in any window of `ms` (sorted times). */
function busiestWindow(times: number[], ms = 1000): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= ms) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function user(fake: FakeBotApi, chat: number, latencies: number[]): Promise<void> {
  let last: Sent | undefined;
  for (let i = 0; i < MESSAGES; i++) {
    const since = fake.sent.length;
    const buttons = last?.replyMarkup?.inline_keyboard.flat() ?? [];
    const started = Date.now();
    if (i > 0 && i % 2 === 1 && last && buttons.length > 0) {
      const button = buttons[(chat + i) % buttons.length];
      fake.userTap(
        chat,
        last.messageId,
        button && "callback_data" in button ? button.callback_data : "",
      );
    } else {
      fake.userText(chat, i === 0 ? "halo" : (TEXTS[(chat + i) % TEXTS.length] as string));
    }
    await fake.waitForSent(chat, 1, since, 120_000);
    latencies.push(Date.now() - started);
    // Answer the latest question, as a person would once the bot has finished talking.
    await fake.waitFor(() => {
      const list = fake.sentTo(chat, since);
      const end = list.at(-1);
      return end && (end.replyMarkup || i === MESSAGES - 1 || Date.now() - end.at > 300)
        ? end
        : undefined;
    }, 120_000);
    last = fake.sentTo(chat).at(-1);
  }
}

async function run(label: string, limits: ThrottleLimits): Promise<Result> {
  const fake = await FakeBotApi.start();
  const db = tempDatabase();
  const bot = await startTelegramBot(fake, { databasePath: db.path, channel: { limits } });
  const latencies: number[] = [];
  const started = Date.now();
  await Promise.all(Array.from({ length: USERS }, (_, i) => user(fake, 700_000 + i, latencies)));
  await eventually(() => bot.app.store.outbox.pending("telegram") === 0, 300_000);
  const seconds = (Date.now() - started) / 1000;
  const counts = bot.app.store.db
    .prepare(
      `SELECT count(*) AS created, count(sent_at) AS delivered, count(failed_at) AS failed
       FROM outbox WHERE channel = 'telegram'`,
    )
    .get() as { created: number; delivered: number; failed: number };
  const perChat = new Map<string, number[]>();
  for (const s of fake.sent) perChat.set(s.chatId, [...(perChat.get(s.chatId) ?? []), s.at]);
  const result: Result = {
    label,
    seconds,
    inbound: USERS * MESSAGES,
    created: counts.created,
    delivered: fake.sent.length,
    failed: counts.failed,
    latencies: latencies.sort((a, b) => a - b),
    maxPerChatSecond: Math.max(...[...perChat.values()].map((t) => busiestWindow(t))),
    maxGlobalSecond: busiestWindow(fake.sent.map((s) => s.at).sort((a, b) => a - b)),
  };
  await bot.stop();
  await fake.close();
  db.cleanup();
  return result;
}

function print(r: Result): void {
  const share = r.created === 0 ? 0 : (100 * r.delivered) / r.created;
  console.log(
    [
      `${r.label}:`,
      `  ${r.inbound} messages in ${r.seconds.toFixed(2)} s = ${(r.inbound / r.seconds).toFixed(1)} messages/s handled`,
      `  ${r.delivered} of ${r.created} replies delivered (${share.toFixed(1)}%), ${r.failed} failed, ${(r.delivered / r.seconds).toFixed(1)} replies/s`,
      `  first-reply latency p50 ${percentile(r.latencies, 50)} ms, p95 ${percentile(r.latencies, 95)} ms, max ${r.latencies.at(-1)} ms`,
      `  busiest second: ${r.maxPerChatSecond} messages to one chat, ${r.maxGlobalSecond} overall`,
    ].join("\n"),
  );
}

console.log(
  `Telegram bench: ${USERS} users × ${MESSAGES} messages, real grammY over HTTP to a local fake Bot API\n`,
);
const raw = await run("no outbound limits (pipeline speed)", NO_LIMITS);
print(raw);
const limited = await run(
  "Telegram limits (per chat 4 at once then 1/s, at most 30 in any second overall)",
  TELEGRAM_LIMITS,
);
print(limited);
console.log(
  `\nthrottled/unthrottled throughput: ${(limited.inbound / limited.seconds / (raw.inbound / raw.seconds)).toFixed(2)}`,
);
const ok =
  [raw, limited].every((r) => r.delivered === r.created && r.failed === 0) &&
  limited.maxGlobalSecond <= TELEGRAM_LIMITS.global.max;
if (!ok) {
  console.error("FAILED: not every reply was delivered, or the limits were exceeded");
  process.exitCode = 1;
}
