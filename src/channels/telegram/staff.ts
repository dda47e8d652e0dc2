/**
 * The staff group, as the Telegram adapter sees it: messages and button taps there are not
 * conversations with the bot but staff work, so they become {@link StaffInbound}s for the
 * staff desk. The adapter itself implements no staff command.
 */
import type { CallbackQuery, Message } from "grammy/types";
import type { StaffInbound } from "../channel.ts";
import { mediaOf, stripBotMention } from "./inbound.ts";
import { decodeChoice } from "./keyboard.ts";

function nameOf(user: { first_name: string; last_name?: string; username?: string }): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ") || (user.username ?? "");
}

/**
 * A staff-group message for the desk; undefined for service messages and bots' messages.
 * Inside a forum topic every message "replies" to the topic's first message; that is not a
 * reply to anything the bot sent, so it is no `replyTo`.
 */
export function staffMessageInbound(msg: Message, botUsername: string): StaffInbound | undefined {
  if (!msg.from || msg.from.is_bot) return undefined;
  const media = mediaOf(msg);
  const text = msg.text !== undefined ? stripBotMention(msg.text, botUsername) : msg.caption;
  if (text === undefined && !media) return undefined;
  const reply = msg.reply_to_message;
  const replyTo = reply && !reply.forum_topic_created ? reply.message_id : undefined;
  const senderName = nameOf(msg.from);
  return {
    channel: "telegram",
    chat: String(msg.chat.id),
    sender: String(msg.from.id),
    ...(senderName ? { senderName } : {}),
    messageId: String(msg.message_id),
    ...(text !== undefined ? { text } : {}),
    ...(media ? { media } : {}),
    ...(replyTo !== undefined ? { replyTo: { channelMessageId: String(replyTo) } } : {}),
  };
}

/**
 * A tap on a staff card's button, as the action it stands for (the desk gives its cards actions
 * such as `ambil JR-7Q3K`; the id goes back unchanged); undefined for data we did not make.
 */
export function staffTapInbound(query: CallbackQuery): StaffInbound | undefined {
  const msg = query.message;
  const choice = decodeChoice(query.data);
  if (!msg || !choice) return undefined;
  const senderName = nameOf(query.from);
  return {
    channel: "telegram",
    chat: String(msg.chat.id),
    sender: String(query.from.id),
    ...(senderName ? { senderName } : {}),
    // One tap, one action, even if Telegram sends the callback twice.
    messageId: `tap:${msg.message_id}:${query.from.id}:${choice.id}`,
    action: choice.id,
  };
}
