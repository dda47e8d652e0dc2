/**
 * Builds the Telegram channel from the configuration, and plugs its webhook into the HTTP
 * server. `main.ts` (through `channels/from-config.ts`), the end-to-end tests and the benchmark
 * all go through here.
 */
import type { Config } from "../../config.ts";
import type { Translator } from "../../engine/deps.ts";
import type { HttpServer } from "../../http/server.ts";
import type { Logger } from "../../log.ts";
import { mediaBudget } from "../../media/budget.ts";
import { mediaDir } from "../../media/dir.ts";
import type { MediaLimits } from "../../media/save.ts";
import { TelegramChannel, type TelegramOptions } from "./channel.ts";
import { botCommands } from "./commands.ts";
import { MAX_DOWNLOAD_BYTES } from "./files.ts";

/** What the Telegram channel needs besides the configuration. */
export interface TelegramDeps {
  log: Logger;
  /** The bot's texts (the command menu). */
  t: Translator;
  /** The HTTP server Telegram posts updates to, in webhook mode. */
  http?: HttpServer | undefined;
}

/** Settings that do not come from the environment (tests, the benchmark). */
export type TelegramOverrides = Partial<Omit<TelegramOptions, "token" | "apiRoot" | "log">>;

/**
 * The Telegram channel for `config`, or undefined when `TELEGRAM_BOT_TOKEN` is unset. In
 * webhook mode its endpoint is mounted on `deps.http`.
 */
export function telegramFromConfig(
  config: Config,
  deps: TelegramDeps,
  overrides: TelegramOverrides = {},
): TelegramChannel | undefined {
  if (!config.TELEGRAM_BOT_TOKEN) return undefined;
  const webhook =
    config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET
      ? { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET }
      : undefined;
  const channel = new TelegramChannel({
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    log: deps.log.child({ channel: "telegram" }),
    commands: botCommands(deps.t),
    ...(config.STAFF_TELEGRAM_CHAT_ID ? { staffChatId: config.STAFF_TELEGRAM_CHAT_ID } : {}),
    ...(webhook ? { webhook } : {}),
    ...(config.WHATSAPP_ENABLED ? { staffFiles: staffFiles(config) } : {}),
    ...overrides,
  });
  if (deps.http) mountWebhook(deps.http, channel, config);
  return channel;
}

/**
 * Where copies of staff-group files go: the media folder, within its budget. Kept only while
 * WhatsApp is on, whose reporters cannot be sent a Telegram file id; every other channel
 * needs no copy.
 */
function staffFiles(config: Config): MediaLimits {
  const dir = mediaDir(config);
  return {
    dir,
    maxBytes: MAX_DOWNLOAD_BYTES,
    timeoutMs: 120_000,
    budget: mediaBudget(dir, config.MEDIA_MAX_TOTAL_MB * 1024 * 1024),
  };
}

/** The path Telegram posts to: the webhook URL's path (e.g. `/telegram/webhook`). */
function webhookPath(url: string): string {
  return new URL(url).pathname || "/";
}

/** Mounts the webhook endpoint on the HTTP server, when webhook mode is on. */
function mountWebhook(http: HttpServer, channel: TelegramChannel, config: Config): void {
  if (!config.TELEGRAM_WEBHOOK_URL) return;
  http.app.post(webhookPath(config.TELEGRAM_WEBHOOK_URL), channel.webhookHandler());
}
