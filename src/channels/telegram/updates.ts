/**
 * Routes incoming updates. People write to the bot in private chats; those messages and taps
 * go to the bot. The configured staff group's messages and taps go to the staff desk. Every
 * other group is ignored. Updates of one chat are handled one after another, chats in parallel.
 */
import { sequentialize } from "@grammyjs/runner";
import { Composer, type Context, type Filter } from "grammy";
import type { UserInput } from "../../engine/types.ts";
import type { Logger } from "../../log.ts";
import type { ChannelHost, Inbound, Receive, StaffInbound } from "../channel.ts";
import { unnumbered } from "../numbered-options.ts";
import { messageInput } from "./inbound.ts";
import { decodeChoice } from "./keyboard.ts";
import { staffMessageInbound, staffTapInbound } from "./staff.ts";

/** The channel name in inbound messages and the outbox. */
export const CHANNEL = "telegram";

/** The update types the bot asks Telegram for. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** Where updates go. */
export interface Routes {
  /** The host the channel was started with (undefined before start). */
  host(): ChannelHost | undefined;
  staffChatId: string | undefined;
  /**
   * Readies a staff message for the desk before it is handed over (the channel keeps a copy
   * of its file for staff of other channels' reporters).
   */
  prepareStaff(message: StaffInbound): Promise<StaffInbound>;
  log: Logger;
}

type TapContext = Filter<Context, "callback_query">;
type MessageContext = Filter<Context, "message">;

/** Waits before the second and third attempt to store a message. */
const RETRY_DELAYS_MS = [500, 2_000];

/**
 * Hands a message to the bot, trying again if storing it failed (a busy or briefly unavailable
 * database): with long polling, Telegram will not send an update twice, so giving up would lose
 * it. A retry is safe — a message already stored is recognised by its id and answered once.
 */
async function withRetries(attempt: () => Promise<void>, log: Logger): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await attempt();
      return;
    } catch (err) {
      const delay = RETRY_DELAYS_MS[i];
      if (delay === undefined) throw err;
      log.warn(
        { err: err instanceof Error ? err.message : String(err), attempt: i + 1 },
        "telegram_receive_retry",
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** The choice a tap means; data we did not make counts as a tap on an old menu. */
function tapInput(data: string | undefined, label: string | undefined): UserInput {
  const choice = decodeChoice(data);
  if (!choice) return { type: "choice", id: "", prompt: -1 };
  return {
    type: "choice",
    id: choice.id,
    ...(choice.prompt === undefined ? {} : { prompt: choice.prompt }),
    ...(label ? { label } : {}),
  };
}

/** The text of the button that carried `data`, without its "1. " number. */
function buttonLabel(message: TapContext["callbackQuery"]["message"], data: string | undefined) {
  if (!message || !data || !("reply_markup" in message)) return undefined;
  for (const row of message.reply_markup?.inline_keyboard ?? []) {
    for (const button of row) {
      if ("callback_data" in button && button.callback_data === data)
        return unnumbered(button.text);
    }
  }
  return undefined;
}

function inbound(ctx: Context, messageId: string, input: UserInput): Inbound {
  const hint = ctx.from?.language_code;
  return {
    channel: CHANNEL,
    address: String(ctx.chat?.id),
    messageId,
    input,
    ...(hint ? { langHint: hint } : {}),
  };
}

/** The middleware that handles every update. */
export function routeUpdates(routes: Routes): Composer<Context> {
  const { log } = routes;
  const composer = new Composer<Context>();
  composer.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));

  const started = (): ChannelHost => {
    const host = routes.host();
    // Updates before start() cannot be stored: fail, so the webhook is retried by Telegram.
    if (!host) throw new Error("telegram channel not started");
    return host;
  };
  const receive = (): Receive => {
    const host = started();
    return (message) => withRetries(() => host.receive(message), log);
  };
  const isStaffChat = (ctx: Context) =>
    routes.staffChatId !== undefined && String(ctx.chat?.id) === routes.staffChatId;

  composer.on("callback_query", async (ctx: TapContext) => {
    // Always answer, or the user's app shows a spinner (and Telegram counts unanswered taps).
    const answered = ctx
      .answerCallbackQuery()
      .catch((err: unknown) => log.warn({ err: String(err) }, "telegram_answer_failed"));
    if (ctx.chat?.type === "private") {
      const msg = ctx.callbackQuery.message;
      // Take the keyboard away so it cannot be tapped twice (an old message can no longer be
      // edited: its `date` is 0).
      const cleared =
        msg && msg.date !== 0
          ? ctx
              .editMessageReplyMarkup()
              .catch((err: unknown) => log.debug({ err: String(err) }, "telegram_clear_failed"))
          : Promise.resolve();
      const input = tapInput(ctx.callbackQuery.data, buttonLabel(msg, ctx.callbackQuery.data));
      await receive()(inbound(ctx, `cb:${ctx.callbackQuery.id}`, input));
      await Promise.all([answered, cleared]);
      return;
    }
    await answered;
    const tap = isStaffChat(ctx) ? staffTapInbound(ctx.callbackQuery) : undefined;
    if (tap) await started().receiveStaff(tap);
  });

  composer.on("message", async (ctx: MessageContext) => {
    const msg = ctx.message;
    if (msg.chat.type === "private") {
      if (msg.from?.is_bot) return;
      const input = messageInput(msg, ctx.me.username);
      if (!input) {
        log.debug({ update: ctx.update.update_id }, "telegram_service_message_ignored");
        return;
      }
      await receive()(inbound(ctx, `${msg.chat.id}:${msg.message_id}`, input));
      return;
    }
    if (!isStaffChat(ctx)) {
      log.debug({ chat: msg.chat.id }, "telegram_group_ignored");
      return;
    }
    const staff = staffMessageInbound(msg, ctx.me.username);
    if (staff) await started().receiveStaff(await routes.prepareStaff(staff));
  });
  return composer;
}
