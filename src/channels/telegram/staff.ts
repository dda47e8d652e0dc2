/**
 * The staff group, as the Telegram adapter sees it: messages and button taps there are not
 * conversations with the bot but staff work, so they are handed — normalised — to whoever
 * plugs in (the staff desk). The adapter itself implements no staff command.
 */
import type { CallbackQuery, Message } from "grammy/types";
import type { MediaRef } from "../../engine/types.ts";
import type { StaffInbound } from "../channel.ts";
import { formatAddress } from "./address.ts";
import { mediaOf, stripBotMention } from "./inbound.ts";
import { decodeChoice } from "./keyboard.ts";

/** Where in the staff group something happened, and who did it. */
export interface StaffOrigin {
  /** The group's chat id, e.g. "-1001234567890". */
  chatId: string;
  /** The forum topic, if the group uses topics. */
  threadId?: number;
  /** Where a reply goes: the chat, or the chat and its topic (see `address.ts`). */
  address: string;
  /** The Telegram user id of the staff member. */
  senderId: string;
  /** Their display name (for audit trails; not a proof of identity — use `senderId`). */
  senderName: string;
}

/** A message posted in the staff group. */
export interface StaffMessage extends StaffOrigin {
  messageId: number;
  /** The text, or the media's caption. */
  text?: string;
  /** The message it replies to (a case card the bot posted, say). */
  replyToMessageId?: number;
  media?: MediaRef;
  /** Unix time in seconds, as Telegram reports it. */
  date: number;
}

/** A button tapped in the staff group. */
export interface StaffTap extends StaffOrigin {
  /** The message that carries the button. */
  messageId: number;
  data: string;
}

/** Receives staff-group messages; resolves once handled (errors are logged by the adapter). */
export type StaffMessageHandler = (message: StaffMessage) => Promise<void>;
/** Receives staff-group button taps (the adapter has already answered the callback query). */
export type StaffTapHandler = (tap: StaffTap) => Promise<void>;

function nameOf(user: { first_name: string; last_name?: string; username?: string }): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ") || (user.username ?? "");
}

/**
 * Normalises a staff-group message; undefined for service messages and bots' messages.
 * Inside a forum topic every message "replies" to the topic's first message; that is not a
 * reply to anything the bot sent, so it is dropped from `replyToMessageId`.
 */
export function toStaffMessage(msg: Message, botUsername: string): StaffMessage | undefined {
  if (!msg.from || msg.from.is_bot) return undefined;
  const media = mediaOf(msg);
  const text = msg.text !== undefined ? stripBotMention(msg.text, botUsername) : msg.caption;
  if (text === undefined && !media) return undefined;
  const reply = msg.reply_to_message;
  const replyTo = reply && !reply.forum_topic_created ? reply.message_id : undefined;
  const threadId = msg.is_topic_message ? msg.message_thread_id : undefined;
  return {
    chatId: String(msg.chat.id),
    ...(threadId !== undefined ? { threadId } : {}),
    address: formatAddress(msg.chat.id, threadId),
    senderId: String(msg.from.id),
    senderName: nameOf(msg.from),
    messageId: msg.message_id,
    ...(text !== undefined ? { text } : {}),
    ...(replyTo !== undefined ? { replyToMessageId: replyTo } : {}),
    ...(media ? { media } : {}),
    date: msg.date,
  };
}

/** Normalises a staff-group button tap; undefined when it carries no data or message. */
export function toStaffTap(query: CallbackQuery): StaffTap | undefined {
  const msg = query.message;
  if (!msg || query.data === undefined) return undefined;
  const threadId =
    "is_topic_message" in msg && msg.is_topic_message ? msg.message_thread_id : undefined;
  return {
    chatId: String(msg.chat.id),
    ...(threadId !== undefined ? { threadId } : {}),
    address: formatAddress(msg.chat.id, threadId),
    senderId: String(query.from.id),
    senderName: nameOf(query.from),
    messageId: msg.message_id,
    data: query.data,
  };
}

/** Translates a staff-group message into what the staff desk reads. */
export function staffInbound(message: StaffMessage): StaffInbound {
  return {
    channel: "telegram",
    chat: message.chatId,
    sender: message.senderId,
    ...(message.senderName ? { senderName: message.senderName } : {}),
    messageId: String(message.messageId),
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.media ? { media: message.media } : {}),
    ...(message.replyToMessageId !== undefined
      ? { replyTo: { channelMessageId: String(message.replyToMessageId) } }
      : {}),
  };
}

/**
 * Translates a tap on a staff card's button into the command it stands for (the desk's
 * buttons carry commands such as `ambil JR-7Q3K` as their option ids).
 */
export function staffTapInbound(tap: StaffTap): StaffInbound | undefined {
  const choice = decodeChoice(tap.data);
  if (!choice) return undefined;
  return {
    channel: "telegram",
    chat: tap.chatId,
    sender: tap.senderId,
    ...(tap.senderName ? { senderName: tap.senderName } : {}),
    // One tap, one action, even if Telegram sends the callback twice.
    messageId: `tap:${tap.messageId}:${tap.senderId}:${choice.id}`,
    text: `/${choice.id}`,
  };
}
