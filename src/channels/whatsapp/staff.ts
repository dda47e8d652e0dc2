import type { StaffInbound } from "../channel.ts";
import type { StaffGroupMessage } from "./ports.ts";

/** Translates a staff-group message into what the staff desk reads. */
export function toStaffInbound(m: StaffGroupMessage): StaffInbound {
  const replyTo = m.quoted
    ? m.quoted.ref !== undefined
      ? { ref: m.quoted.ref }
      : { channelMessageId: m.quoted.messageId }
    : undefined;
  return {
    channel: "whatsapp",
    chat: m.group,
    // Staff are listed by phone number; a sender WhatsApp shows only by LID cannot be matched.
    sender: m.sender.number ?? m.sender.jid,
    ...(m.sender.pushName ? { senderName: m.sender.pushName } : {}),
    messageId: m.messageId,
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.media ? { media: m.media } : {}),
    ...(replyTo ? { replyTo } : {}),
  };
}
