/**
 * Password-free sign-in for the staff console: a staff member asks for a one-time link in the
 * staff chat (`/masuk`) or the operator makes one on the server (`npm run console:link`); the
 * link starts a session. Tokens and session ids are random, sent once, and stored only hashed.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { ConsoleLinkIssuer, StaffIdentity } from "../staff/desk.ts";
import type { ConsoleAuth, ConsoleSession } from "../store/console-auth.ts";

/** How long a sign-in link works. */
export const LINK_TTL_MS = 10 * 60_000;

/** The path of sign-in links: `${base}/masuk/<token>`. */
export const SIGN_IN_PATH = "/masuk";

/** A new random secret: 256 bits, URL-safe (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The stored form of a secret. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** True when `secret` looks like one of ours (anything else is refused without a lookup). */
export function wellFormed(secret: string | undefined): secret is string {
  return secret !== undefined && /^[A-Za-z0-9_-]{43}$/.test(secret);
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Makes sign-in links. The base URL is `PUBLIC_URL`, or the local address once the server
 * listens on this machine only; with neither, staff cannot be sent a usable link.
 */
export class ConsoleLinks implements ConsoleLinkIssuer {
  constructor(
    private readonly auth: ConsoleAuth,
    private base: string | undefined,
  ) {}

  /** Sets the base URL when it is known only after listening (a local server, port 0). */
  setLocalBase(url: string): void {
    this.base ??= url;
  }

  issue(owner: StaffIdentity, now: number): string | undefined {
    if (!this.base) return undefined;
    return `${this.base}${SIGN_IN_PATH}/${this.create(owner, now)}`;
  }

  /** Stores a new link and returns its token (for the command line, which prints the URL). */
  create(owner: StaffIdentity, now: number): string {
    const token = newSecret();
    this.auth.addLink(hashSecret(token), owner, now, now + LINK_TTL_MS);
    return token;
  }

  /** The link's base URL, if known. */
  get baseUrl(): string | undefined {
    return this.base;
  }
}

/** A session as the console sees it, with the cookie value it was found by. */
export interface SignedIn extends ConsoleSession {
  /** The hash the session is stored under (also the key for flash messages). */
  key: string;
}

/** Console sessions: started by a sign-in link, found by the cookie's random id. */
export class ConsoleSessions {
  constructor(
    private readonly auth: ConsoleAuth,
    private readonly lifetimeMs: number,
  ) {}

  /** Who an unused, unexpired link is for, without using it. */
  peek(token: string, now: number): StaffIdentity | undefined {
    return wellFormed(token) ? this.auth.peekLink(hashSecret(token), now) : undefined;
  }

  /** Uses a link and starts a session; returns the cookie value, or undefined if refused. */
  signIn(token: string, now: number): { id: string; session: ConsoleSession } | undefined {
    if (!wellFormed(token)) return undefined;
    const owner = this.auth.useLink(hashSecret(token), now);
    if (!owner) return undefined;
    const id = newSecret();
    const session: ConsoleSession = {
      ...owner,
      csrf: newSecret(),
      createdAt: now,
      expiresAt: now + this.lifetimeMs,
    };
    this.auth.addSession(hashSecret(id), session);
    return { id, session };
  }

  /** The live session behind a cookie value. */
  find(id: string | undefined, now: number): SignedIn | undefined {
    if (!wellFormed(id)) return undefined;
    const key = hashSecret(id);
    const session = this.auth.session(key, now);
    return session ? { ...session, key } : undefined;
  }

  /** Ends a session. */
  end(key: string): void {
    this.auth.endSession(key);
  }

  /** Session lifetime, for the cookie. */
  get lifetime(): number {
    return this.lifetimeMs;
  }
}
