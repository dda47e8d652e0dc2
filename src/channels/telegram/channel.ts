/**
 * The Telegram channel: receives updates by long polling (default, through @grammyjs/runner)
 * or by webhook, hands them to the bot, and delivers the outbox.
 */
import { type RunnerHandle, run } from "@grammyjs/runner";
import { type Api, type Bot, GrammyError, type Transformer, webhookCallback } from "grammy";
import type { BotCommand, UserFromGetMe } from "grammy/types";
import type { Context as HonoContext } from "hono";
import { ConfigError } from "../../config.ts";
import type { Logger } from "../../log.ts";
import type { MediaLimits } from "../../media/save.ts";
import type { Channel, ChannelHost, Outgoing, StaffInbound } from "../channel.ts";
import { createBot, createSendApi } from "./bot.ts";
import { keepFile } from "./files.ts";
import { Inflight } from "./inflight.ts";
import { Sender, type SentHook } from "./outbound.ts";
import { TELEGRAM_LIMITS, Throttle, type ThrottleLimits } from "./throttle.ts";
import { ALLOWED_UPDATES, CHANNEL, routeUpdates } from "./updates.ts";

/** Webhook mode: Telegram posts updates to `url`, with `secret` in a header. */
export interface WebhookSettings {
  url: string;
  secret: string;
}

/** What the Telegram channel needs. */
export interface TelegramOptions {
  token: string;
  apiRoot: string;
  log: Logger;
  /** The command menu (see `commands.ts`); set with `setMyCommands` at start. */
  commands?: BotCommand[];
  /** The staff group's chat id; every other group is ignored. */
  staffChatId?: string;
  /** Webhook mode instead of long polling. */
  webhook?: WebhookSettings;
  /** Outbound rate limits (default: Telegram's). */
  limits?: ThrottleLimits;
  /** Long-poll wait in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** Known bot identity, to skip `getMe` (tests). */
  botInfo?: UserFromGetMe;
  /** Called after each delivered message with its Telegram message ids (the staff desk maps replies). */
  onSent?: SentHook;
  /** An API transformer on both clients, e.g. the benchmark's stand-in for the Bot API. */
  transformer?: Transformer;
  /**
   * Where copies of staff-group files go. Without them a file stays on Telegram, and staff
   * reaching a reporter on another channel (WhatsApp cannot send a Telegram file id) would
   * relay its caption alone.
   */
  staffFiles?: MediaLimits;
}

/** Long polling: updates handled at once, at most (one chat's updates are still in order). */
const CONCURRENCY = 100;

export class TelegramChannel implements Channel {
  readonly name = CHANNEL;
  /** The grammY bot (exposed for the staff desk's own API calls). */
  readonly bot: Bot;
  private readonly sendApi: Api;
  private readonly sender: Sender;
  private readonly inflight = new Inflight();
  private readonly abort = new AbortController();
  private host: ChannelHost | undefined;
  private runner: RunnerHandle | undefined;
  private lastUpdateId = 0;
  private stopping = false;

  constructor(private readonly options: TelegramOptions) {
    const client = {
      token: options.token,
      apiRoot: options.apiRoot,
      ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    };
    this.bot = createBot(client);
    this.sendApi = createSendApi(client);
    if (options.transformer) {
      this.bot.api.config.use(options.transformer);
      this.sendApi.config.use(options.transformer);
    }
    this.sender = new Sender(
      this.sendApi,
      new Throttle(options.limits ?? TELEGRAM_LIMITS),
      options.log,
    );
    const { log } = options;
    this.bot.use((ctx, next) => {
      this.lastUpdateId = Math.max(this.lastUpdateId, ctx.update.update_id);
      return this.inflight.run(next);
    });
    this.bot.use(
      routeUpdates({
        host: () => this.host,
        staffChatId: options.staffChatId,
        prepareStaff: (message) => this.withCopy(message),
        log,
      }),
    );
    // Long polling reports handler errors here (webhook mode returns them as HTTP 500, and
    // Telegram sends the update again).
    this.bot.catch((err) => {
      log.error(
        {
          err: err.error instanceof Error ? err.error.message : String(err.error),
          update: err.ctx.update.update_id,
        },
        "telegram_update_failed",
      );
    });
  }

  /** The staff group's address for the outbox, if one is configured. */
  get staffAddress(): string | undefined {
    return this.options.staffChatId;
  }

  /**
   * False once long polling has stopped by itself (token revoked, another instance polling with
   * the same token): the bot receives nothing any more, and `/healthz` should say so.
   */
  get healthy(): boolean {
    if (this.stopping || this.options.webhook) return true;
    return this.runner?.isRunning() ?? true;
  }

  /** Updates being handled right now. */
  get busy(): number {
    return this.inflight.size;
  }

  async start(host: ChannelHost): Promise<void> {
    const { log, webhook } = this.options;
    this.host = host;
    try {
      // grammY types its signal with the abort-controller polyfill; a native one works the same.
      await this.bot.init(this.abort.signal as Parameters<Bot["init"]>[0]);
    } catch (err) {
      if (err instanceof GrammyError && err.error_code === 401) {
        throw new ConfigError("TELEGRAM_BOT_TOKEN: Telegram refused this token (401 Unauthorized)");
      }
      throw err;
    }
    await this.setCommands();
    if (webhook) {
      await this.bot.api.setWebhook(webhook.url, {
        secret_token: webhook.secret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
      log.info({ mode: "webhook", bot: this.bot.botInfo.username }, "telegram_started");
      return;
    }
    // A webhook left over from an earlier deployment would make every getUpdates fail (409,
    // logged as fatal and shown by /healthz), so remove it; a failure here is not fatal.
    await this.bot.api
      .deleteWebhook()
      .catch((err: unknown) => log.warn({ err: String(err) }, "telegram_delete_webhook_failed"));
    this.runner = run(this.bot, {
      runner: {
        fetch: {
          timeout: this.options.pollTimeoutSeconds ?? 30,
          allowed_updates: [...ALLOWED_UPDATES],
        },
        silent: true,
        maxRetryTime: Number.MAX_SAFE_INTEGER,
        retryInterval: "exponential",
      },
      sink: { concurrency: CONCURRENCY },
    });
    void this.runner.task()?.catch((err: unknown) => {
      // 401 (token revoked) or 409 (another instance polls with this token): polling stopped.
      log.fatal(
        { err: err instanceof Error ? err.message : String(err) },
        "telegram_polling_stopped",
      );
    });
    log.info({ mode: "polling", bot: this.bot.botInfo.username }, "telegram_started");
  }

  private async setCommands(): Promise<void> {
    const commands = this.options.commands;
    if (!commands?.length) return;
    try {
      await this.bot.api.setMyCommands(commands);
    } catch (err) {
      // Not fatal: commands typed by hand still work.
      this.options.log.warn({ err: String(err) }, "telegram_set_commands_failed");
    }
  }

  /**
   * The webhook endpoint (Hono handler). While shutting down it answers 503, so Telegram keeps
   * the update and sends it again to the next instance.
   */
  webhookHandler(): (c: HonoContext) => Promise<Response> {
    const secretToken = this.options.webhook?.secret;
    const handle = webhookCallback(this.bot, "hono", {
      ...(secretToken ? { secretToken } : {}),
      // Answer Telegram before its own timeout; the update is stored and keeps being handled.
      onTimeout: "return",
      timeoutMilliseconds: 50_000,
    });
    return async (c) => {
      if (this.stopping || !this.host) return c.text("not ready", 503);
      try {
        return await handle(c);
      } catch (err) {
        this.options.log.error(
          { err: err instanceof Error ? err.message : String(err) },
          "telegram_webhook_failed",
        );
        return c.text("error", 500);
      }
    };
  }

  /** Stops receiving, waits for updates in flight, and confirms them to Telegram. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.abort.abort();
    await this.runner?.stop();
    await this.inflight.idle();
    if (this.runner && this.lastUpdateId > 0) {
      // The runner does not confirm the last batch; without this Telegram would send it again
      // after a restart (harmless thanks to de-duplication, but noisy).
      const signal = AbortSignal.timeout(5_000) as Parameters<Api["getUpdates"]>[1];
      await this.bot.api
        .getUpdates({ offset: this.lastUpdateId + 1, limit: 1, timeout: 0 }, signal)
        .catch((err: unknown) =>
          this.options.log.debug({ err: String(err) }, "telegram_confirm_failed"),
        );
    }
  }

  async deliver(out: Outgoing): Promise<string | undefined> {
    const ids = await this.sender.send(out);
    this.options.onSent?.(out, ids);
    // The last piece's id: a staff member replying to a card is traced back to its case by it.
    const last = ids.at(-1);
    return last === undefined ? undefined : String(last);
  }

  /**
   * The staff message with a copy of its file kept (see {@link TelegramOptions.staffFiles}).
   * A file that cannot be kept still goes to the desk as it is: its caption is relayed.
   */
  private async withCopy(message: StaffInbound): Promise<StaffInbound> {
    const { media } = message;
    const { staffFiles: limits, token, apiRoot, log } = this.options;
    if (!limits || !media?.fileId || media.path) return message;
    const source = { api: this.bot.api, token, apiRoot };
    try {
      const saved = await keepFile(source, { ...media, fileId: media.fileId }, limits);
      if (saved.ok) {
        const { path, size, mime } = saved;
        return { ...message, media: { ...media, path, size, mime } };
      }
      log.warn({ kind: media.kind, reason: saved.reason }, "telegram_staff_file_not_kept");
    } catch (err) {
      log.warn(
        { kind: media.kind, err: err instanceof Error ? err.message : String(err) },
        "telegram_staff_file_not_kept",
      );
    }
    return message;
  }
}
