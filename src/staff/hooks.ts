import type { ReceiveStaff } from "../channels/channel.ts";
import type { TelegramChannel } from "../channels/telegram/channel.ts";
import { staffInbound, staffTapInbound } from "../channels/telegram/staff.ts";
import type { WhatsAppChannel } from "../channels/whatsapp/channel.ts";
import { toStaffInbound } from "../channels/whatsapp/staff.ts";

/**
 * Connects the staff chats of the messaging channels to the staff desk: messages, replies and
 * card buttons in the Telegram staff group, and messages and quotes in the WhatsApp staff group.
 */
export function connectStaffChats(
  receiveStaff: ReceiveStaff,
  channels: { telegram?: TelegramChannel | undefined; whatsapp?: WhatsAppChannel | undefined },
): void {
  const { telegram, whatsapp } = channels;
  if (telegram) {
    telegram.onStaffMessage((message) => receiveStaff(staffInbound(message)));
    telegram.onStaffTap(async (tap) => {
      const command = staffTapInbound(tap);
      if (command) await receiveStaff(command);
    });
  }
  if (whatsapp) whatsapp.onStaffMessage = (message) => receiveStaff(toStaffInbound(message));
}
