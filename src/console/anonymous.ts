/**
 * Requests to the console and sign-in links from someone not signed in: refused, counted and
 * rate-limited per address. Each address gets one audit entry per window with a running count
 * (not one per request: a script must not be able to fill the database or the log), and past
 * the limit it is answered at once with 429, before any lookup. Staff actions are never
 * throttled: they are audited by the desk and the console as they happen.
 */
import { RateLimiter } from "../http/rate-limit.ts";
import type { Logger } from "../log.ts";
import type { Audit } from "../store/audit.ts";

/** Refusals one address may cause per minute before it gets 429 without any work. */
export const ANONYMOUS_PER_MINUTE = 30;
/** One audit entry per address per this long. */
export const AUDIT_WINDOW_MS = 10 * 60_000;
/** The count in an entry is brought up to date at most this often. */
const UPDATE_EVERY_MS = 5_000;
/** Addresses remembered at once (the oldest window is closed first past this). */
const MAX_ADDRESSES = 10_000;

interface Window {
  id: number;
  started: number;
  updated: number;
  count: number;
  data: Record<string, unknown>;
}

/** See the file's comment. */
export class AnonymousRefusals {
  private readonly limiter = new RateLimiter(ANONYMOUS_PER_MINUTE, 60_000);
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly audit: Audit,
    private readonly log: Logger,
    private readonly clock: () => number,
  ) {}

  /** True when `ip` has caused too many refusals lately. */
  overLimit(ip: string): boolean {
    return !this.limiter.wouldAllow(ip, this.clock());
  }

  /** Counts a request answered 429 because its address is over the limit. */
  throttled(ip: string): void {
    this.count(ip, this.clock(), "console.throttled", {});
  }

  /** Counts (and audits, once per window) a refused request from `ip`. */
  refused(ip: string, action: string, data: Record<string, unknown>): void {
    const now = this.clock();
    this.limiter.allow(ip, now);
    this.count(ip, now, action, data);
  }

  private count(ip: string, now: number, action: string, data: Record<string, unknown>): void {
    const open = this.windows.get(ip);
    if (open && now - open.started < AUDIT_WINDOW_MS) {
      open.count++;
      if (now - open.updated >= UPDATE_EVERY_MS) this.save(open, now);
      return;
    }
    if (open) this.close(ip, open, now);
    if (this.windows.size >= MAX_ADDRESSES) {
      const [oldest, window] = this.windows.entries().next().value as [string, Window];
      this.close(oldest, window, now);
    }
    const entry = { ...data, ip, count: 1 };
    const id = this.audit.record(now, "web", action, undefined, entry);
    this.windows.set(ip, { id, started: now, updated: now, count: 1, data: entry });
    this.log.warn({ action }, "console_refused");
  }

  private close(ip: string, window: Window, now: number): void {
    this.save(window, now);
    this.windows.delete(ip);
  }

  private save(window: Window, now: number): void {
    window.updated = now;
    this.audit.update(window.id, { ...window.data, count: window.count });
  }
}
