/**
 * The staff group, as the WhatsApp adapter sees it: its messages are staff work, so they
 * become {@link StaffInbound}s for the staff desk (never conversations with the bot).
 */
import type { UserInput } from "../../engine/types.ts";
import type { StaffInbound } from "../channel.ts";
import type { WaRead } from "./inbound.ts";

/** What the adapter learned about a staff-group message besides what it read. */
export interface StaffExtras {
  /** The message's content for the bot (media downloaded); undefined for plain text. */
  input: UserInput | undefined;
  /** The sender's phone number as international digits, when WhatsApp told us. */
  number: string | undefined;
  /** The outbox ref of the bot message it quotes, when it quotes one of ours. */
  quotedRef: number | undefined;
}

/** The text a staff message carries: its text, or the caption of its media. */
function textOf(read: WaRead, input: UserInput | undefined): string | undefined {
  if (read.content.type === "text") return read.content.text;
  if (input?.type === "media") return input.media.caption;
  if (input?.type === "text") return input.text;
  if (input?.type === "unsupported") return input.caption;
  return undefined;
}

/** A staff-group message for the staff desk. */
export function staffInbound(read: WaRead, extras: StaffExtras): StaffInbound {
  const { input, number, quotedRef } = extras;
  const text = textOf(read, input);
  const replyTo = read.quotedId
    ? quotedRef !== undefined
      ? { ref: quotedRef }
      : { channelMessageId: read.quotedId }
    : undefined;
  return {
    channel: "whatsapp",
    chat: read.chat,
    // Staff are listed by phone number; a sender WhatsApp shows only by LID cannot be matched.
    sender: number ?? read.sender.jid,
    ...(read.sender.pushName ? { senderName: read.sender.pushName } : {}),
    messageId: read.id,
    ...(text !== undefined ? { text } : {}),
    ...(input?.type === "media" ? { media: input.media } : {}),
    ...(replyTo ? { replyTo } : {}),
  };
}
