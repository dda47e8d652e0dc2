/**
 * A web chat visitor is a random id the server issues in an HttpOnly cookie, signed with a
 * server secret: a cookie the server did not issue (made up, or from another installation) is
 * no visitor at all, so it gets no transcript, no polls and no uploads, and a new visitor counts
 * against its IP address. The visitor's address (what the bot and staff records see) is a hash
 * of the random part, so neither the database nor a log can be turned back into a cookie.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The cookie that holds the visitor's id. */
export const CHAT_COOKIE = "jr_chat";

/** How long a visitor keeps their conversation in this browser. */
export const CHAT_COOKIE_DAYS = 30;

/** Issues and checks visitor cookies with one secret. */
export class VisitorIds {
  private readonly key: Buffer;

  /** `secret`: at least 32 characters (`WEB_CHAT_SECRET`, or one kept in the database). */
  constructor(secret: string) {
    if (secret.length < 32) throw new Error("the web chat secret must have at least 32 characters");
    this.key = Buffer.from(secret, "utf8");
  }

  /** A new visitor's cookie value: 256 random bits and their signature. */
  issue(): string {
    const id = randomBytes(32).toString("base64url");
    return `${id}.${this.sign(id)}`;
  }

  /** The visitor id in a cookie value the server issued; undefined for anything else. */
  check(value: string | undefined): string | undefined {
    const m = value === undefined ? null : /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/.exec(value);
    if (!m) return undefined;
    const id = m[1] as string;
    const given = Buffer.from(m[2] as string);
    const expected = Buffer.from(this.sign(id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
  }

  private sign(id: string): string {
    return createHmac("sha256", this.key).update(`jr_chat:${id}`).digest("base64url").slice(0, 22);
  }
}

/** A new random secret for signing visitor cookies (kept in the database when none is set). */
export function newVisitorSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The bot's address for a visitor id. */
export function addressOf(id: string): string {
  return `w${createHash("sha256").update(id).digest("hex").slice(0, 32)}`;
}
