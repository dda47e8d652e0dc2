/**
 * Builds the grammY clients. Two of them, on purpose:
 * - the bot (updates, and the calls made while handling one: answering a tap, clearing a
 *   keyboard) retries a short 429 or 5xx by itself, a bounded number of times;
 * - the send client (the outbox's deliveries) never retries by itself: a failed send goes back
 *   to the outbox, which waits `retry_after` without holding up other chats.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";

/** Where the Bot API lives and how to reach it. */
export interface BotClientOptions {
  token: string;
  /** Bot API root without a trailing slash (a local fake in tests). */
  apiRoot: string;
  /** Skips `getMe` when known (tests). */
  botInfo?: UserFromGetMe;
}

/**
 * A request that hangs longer than this fails and is retried (grammY's default is 500 s, which
 * would hold a chat's delivery for minutes). Long polling waits 30 s, well within it.
 */
export const REQUEST_TIMEOUT_SECONDS = 60;

/** The bot that receives updates. */
export function createBot(options: BotClientOptions): Bot {
  const bot = new Bot(options.token, {
    client: { apiRoot: options.apiRoot, timeoutSeconds: REQUEST_TIMEOUT_SECONDS },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  // auto-retry retries forever by default, and network errors without any bound even with
  // `maxRetryAttempts`: bound both, so an outage cannot wedge a handler (and shutdown).
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10, rethrowHttpErrors: true }),
  );
  return bot;
}

/** The client the outbox sends through (no automatic retries; see above). */
export function createSendApi(options: BotClientOptions): Api {
  return new Api(options.token, {
    apiRoot: options.apiRoot,
    timeoutSeconds: REQUEST_TIMEOUT_SECONDS,
  });
}
