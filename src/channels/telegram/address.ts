/**
 * Telegram addresses in the outbox: a chat id (`"123456"` for a person's private chat,
 * `"-1001234567890"` for a group), optionally with a forum topic (`"-1001234567890:42"`).
 */

/** A parsed address. */
export interface ChatAddress {
  chatId: string;
  threadId?: number;
}

/** Parses an address; undefined when it is not a Telegram address. */
export function parseAddress(address: string): ChatAddress | undefined {
  const m = /^(-?\d+)(?::(\d+))?$/.exec(address);
  if (!m) return undefined;
  return m[2] ? { chatId: m[1] as string, threadId: Number(m[2]) } : { chatId: m[1] as string };
}

/** The address of a chat, or of one forum topic in it. */
export function formatAddress(chatId: number | string, threadId?: number): string {
  return threadId === undefined ? String(chatId) : `${chatId}:${threadId}`;
}

/** Group and channel chat ids are negative; private chats (people) positive. */
export function isGroupChat(chatId: string): boolean {
  return chatId.startsWith("-");
}
