/**
 * Part 5 of `npm run bench`: a new Telegram user's time to first reply — from the update to the
 * first message the fake Bot API gets for that chat — through real grammY with Telegram's rate
 * limits, with and without a staff group held back by its limit (twenty messages a minute).
 * The backlog is made the way it happens: reporters (on another channel) open cases, and each
 * case's card goes to the Telegram staff group. New users come ten a second, which keeps their
 * answers (two messages each) within Telegram's thirty a second overall.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { createApp } from "../../src/app.ts";
import { telegramFromConfig } from "../../src/channels/telegram/from-config.ts";
import { TELEGRAM_LIMITS } from "../../src/channels/telegram/throttle.ts";
import { translatorFor } from "../../src/content.ts";
import { quietLog, testConfig } from "../helpers/app.ts";
import { FakeBotApi } from "../helpers/fake-bot-api.ts";
import { RecorderChannel } from "../helpers/recorder.ts";
import { contentWithFixtures, FAST_POLICY, tempDatabase } from "../helpers/telegram.ts";

/** The Telegram staff group. */
const STAFF = -1001234567890;

/** What one measurement does. */
export interface FirstReplyOptions {
  /** Cards waiting behind the staff group's limit when the first user writes (0: none). */
  backlog: number;
  /** New users, each writing "halo" once. */
  users: number;
  /** Between one user's message and the next one's. */
  gapMs: number;
}

/** What one measurement saw. */
export interface FirstReplyResult {
  /** Each user's time to first reply, in ms, sorted. */
  latencies: number[];
  /** Cards to the staff group still undelivered when the last user got their reply. */
  waitingAtEnd: number;
}

/**
 * Starts a bot with a Telegram staff group, queues `backlog` cards behind the group's limit,
 * then lets `users` new people write, one every `gapMs`, and times each one's first reply.
 */
export async function firstReply(options: FirstReplyOptions): Promise<FirstReplyResult> {
  const fake = await FakeBotApi.start();
  const db = tempDatabase();
  const content = contentWithFixtures();
  const config = testConfig({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    STAFF_TELEGRAM_CHAT_ID: String(STAFF),
    FLOOD_MAX_MESSAGES: "1000",
  });
  const telegram = telegramFromConfig(
    config,
    { log: quietLog, t: translatorFor(content) },
    { limits: TELEGRAM_LIMITS },
  );
  if (!telegram) throw new Error("the Telegram channel should be on");
  const reporters = new RecorderChannel("whatsapp");
  const app = createApp({
    config,
    log: quietLog,
    channels: [telegram, reporters],
    content,
    databasePath: db.path,
    policy: FAST_POLICY,
  });
  app.delivery.start();
  await telegram.start(app);
  const waiting = () =>
    app.store.db
      .prepare(
        "SELECT count(*) FROM outbox WHERE address = ? AND sent_at IS NULL AND failed_at IS NULL",
      )
      .pluck()
      .get(String(STAFF)) as number;
  try {
    if (options.backlog > 0) {
      // The group's first twenty a minute go at once; the backlog is what waits behind them.
      const allowance = TELEGRAM_LIMITS.group.max;
      let n = 0;
      for (let r = 0; waiting() + fake.sentTo(STAFF).length < options.backlog + allowance; r++) {
        for (const text of ["halo", "petugas", "Anak saya tidak bisa dihubungi di Malaysia"]) {
          await app.receive({
            channel: reporters.name,
            address: `62812000${r}`,
            messageId: `r${++n}`,
            input: { type: "text", text },
          });
        }
      }
      await fake.waitFor(() => fake.sentTo(STAFF).length >= allowance, 60_000, "the allowance");
      // Those twenty also used up that second's share of the overall limit: measured is the
      // backlog held by the group's limit, not that one-second burst.
      await sleep(TELEGRAM_LIMITS.global.windowMs);
    }
    const latencies: number[] = [];
    const user = async (i: number) => {
      await sleep(i * options.gapMs);
      const chat = 910_000 + i;
      const since = fake.sent.length;
      const started = performance.now();
      fake.userText(chat, "halo");
      await fake.waitForSent(chat, 1, since, 600_000);
      latencies.push(performance.now() - started);
    };
    await Promise.all(Array.from({ length: options.users }, (_, i) => user(i)));
    const result = { latencies: latencies.sort((a, b) => a - b), waitingAtEnd: waiting() };
    if (options.backlog > 0 && result.waitingAtEnd === 0) {
      throw new Error("the backlog was gone before the users were answered: measure more users");
    }
    return result;
  } finally {
    await app.close();
    await fake.close();
    db.cleanup();
  }
}

/** The p-th percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
