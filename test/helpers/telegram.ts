/**
 * Runs the real bot — content, store, runtime, outbox and the grammY Telegram channel — against
 * a {@link FakeBotApi}, the way `main.ts` wires it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp, loadCheckedContent } from "../../src/app.ts";
import type { ReceiveStaff } from "../../src/channels/channel.ts";
import type { TelegramChannel } from "../../src/channels/telegram/channel.ts";
import {
  type TelegramOverrides,
  telegramFromConfig,
} from "../../src/channels/telegram/from-config.ts";
import { NO_LIMITS } from "../../src/channels/telegram/throttle.ts";
import type { Config } from "../../src/config.ts";
import { type Content, translatorFor } from "../../src/content.ts";
import { loadFlowText } from "../../src/flows/load.ts";
import type { HttpServer } from "../../src/http/server.ts";
import type { DeliveryPolicy } from "../../src/runtime/delivery.ts";
import { quietLog, testConfig } from "./app.ts";
import type { FakeBotApi } from "./fake-bot-api.ts";

/** The project's content plus the test fixture flows in `test/fixtures/flows/`. */
export function contentWithFixtures(): Content {
  const content = loadCheckedContent();
  const file = join(import.meta.dirname, "..", "fixtures", "flows", "evidence.yaml");
  const { loaded, problems } = loadFlowText(readFileSync(file, "utf8"), "evidence.yaml");
  if (!loaded.flow || problems.length > 0) throw new Error(JSON.stringify(problems));
  const flows = new Map(content.flows.flows);
  flows.set(loaded.flow.id, loaded.flow);
  return { ...content, flows: { ...content.flows, flows } };
}

/** Quick retries, so failure tests take milliseconds rather than seconds. */
export const FAST_POLICY: DeliveryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  pollMs: 50,
};

/** A fresh temporary directory with a database path in it; `cleanup` removes it. */
export function tempDatabase(): { path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "jr-telegram-"));
  return {
    dir,
    path: join(dir, "bot.db"),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A running bot on Telegram. */
export interface TelegramTestBot {
  config: Config;
  app: App;
  channel: TelegramChannel;
  stop(): Promise<void>;
}

/** Options for {@link startTelegramBot}. */
export interface TelegramTestOptions {
  databasePath: string;
  env?: Record<string, string>;
  /** Overrides for the channel; by default no rate limits (tests of limits pass their own). */
  channel?: TelegramOverrides;
  content?: Content;
  /** Leave the channel unstarted (webhook tests mount it first). */
  noStart?: boolean;
  /** Where staff-group messages go instead of the staff desk (tests of the adapter alone). */
  receiveStaff?: ReceiveStaff;
  /** The HTTP server for webhook mode. */
  http?: HttpServer;
}

let sharedContent: Content | undefined;

/** Starts the bot against `fake` (long polling unless the env sets a webhook). */
export async function startTelegramBot(
  fake: FakeBotApi,
  options: TelegramTestOptions,
): Promise<TelegramTestBot> {
  sharedContent ??= contentWithFixtures();
  const content = options.content ?? sharedContent;
  const config = testConfig({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    ...options.env,
  });
  const channel = telegramFromConfig(
    config,
    { log: quietLog, t: translatorFor(content), http: options.http },
    { limits: NO_LIMITS, ...options.channel },
  );
  if (!channel) throw new Error("the Telegram channel should be on");
  const app = createApp({
    config,
    log: quietLog,
    channels: [channel],
    content,
    databasePath: options.databasePath,
    policy: FAST_POLICY,
  });
  app.delivery.start();
  if (!options.noStart) {
    try {
      await channel.start(
        options.receiveStaff ? { ...app, receiveStaff: options.receiveStaff } : app,
      );
    } catch (error) {
      await app.close();
      throw error;
    }
  }
  return { config, app, channel, stop: () => app.close() };
}

/** Polls `check` until it returns something truthy. */
export async function eventually<T>(
  check: () => T | undefined | false,
  timeoutMs = 8_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
