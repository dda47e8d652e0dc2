/**
 * A web chat visitor is a random id in an HttpOnly cookie; their address (what the bot and
 * staff records see) is a hash of it, so neither the database nor a log can be turned back
 * into a cookie that continues someone's conversation.
 */
import { createHash, randomBytes } from "node:crypto";

/** The cookie that holds the visitor's id. */
export const CHAT_COOKIE = "jr_chat";

/** How long a visitor keeps their conversation in this browser. */
export const CHAT_COOKIE_DAYS = 30;

/** A new visitor id (256 random bits). */
export function newVisitorId(): string {
  return randomBytes(32).toString("base64url");
}

/** True when a cookie value is one of our ids. */
export function isVisitorId(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** The bot's address for a visitor id. */
export function addressOf(id: string): string {
  return `w${createHash("sha256").update(id).digest("hex").slice(0, 32)}`;
}
