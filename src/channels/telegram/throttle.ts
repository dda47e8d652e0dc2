/**
 * Keeps outbound messages within Telegram's published limits
 * (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this): about one
 * message a second per private chat (short bursts allowed), at most twenty a minute per group,
 * about thirty a second overall. Waiting here is cheaper than a 429: a 429 costs an outbox
 * round-trip, and Telegram frowns on bots that keep hitting it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { DeliveryError } from "../channel.ts";

/** A token bucket: up to `burst` at once, refilled at `perSecond` (private chats). */
export interface Rate {
  burst: number;
  perSecond: number;
}

/** At most `max` in any `windowMs` (groups, and the bot overall). */
export interface Window {
  max: number;
  windowMs: number;
}

/** The limits to keep. */
export interface ThrottleLimits {
  privateChat: Rate;
  group: Window;
  global: Window;
}

/** Telegram's limits. */
export const TELEGRAM_LIMITS: ThrottleLimits = {
  privateChat: { burst: 4, perSecond: 1 },
  group: { max: 20, windowMs: 60_000 },
  global: { max: 30, windowMs: 1_000 },
};

/** No limits at all (benchmarks measuring the raw pipeline). */
export const NO_LIMITS: ThrottleLimits = {
  privateChat: { burst: Infinity, perSecond: Infinity },
  group: { max: Infinity, windowMs: 1 },
  global: { max: Infinity, windowMs: 1 },
};

/** One limit: how long until the next send is allowed, and counting a send. */
interface Limiter {
  wait(now: number): number;
  /** Counts a send starting now; the returned function is called when it has finished. */
  take(now: number): (end: number) => void;
  /** True when it has fully recovered (it can be forgotten). */
  idle(now: number): boolean;
}

class Bucket implements Limiter {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rate: Rate,
    now: number,
  ) {
    this.tokens = rate.burst;
    this.at = now;
  }

  private refill(now: number): void {
    const gained =
      this.rate.perSecond === Infinity ? Infinity : ((now - this.at) / 1000) * this.rate.perSecond;
    this.tokens = Math.min(this.rate.burst, this.tokens + gained);
    this.at = now;
  }

  wait(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.rate.perSecond) * 1000);
  }

  take(now: number): (end: number) => void {
    this.refill(now);
    this.tokens -= 1;
    return () => {};
  }

  idle(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.rate.burst;
  }
}

class SlidingWindow implements Limiter {
  /**
   * Send times within the window, oldest first. A send counts from when it started until it
   * finished, then from its end: Telegram counts a message when it arrives, somewhere in
   * between, so the next window opens only a full period after the previous sends completed.
   */
  private readonly times: number[] = [];

  constructor(private readonly limit: Window) {}

  private expire(now: number): void {
    while (this.times.length > 0 && (this.times[0] as number) <= now - this.limit.windowMs) {
      this.times.shift();
    }
  }

  wait(now: number): number {
    this.expire(now);
    if (this.times.length < this.limit.max) return 0;
    return (this.times[0] as number) + this.limit.windowMs - now;
  }

  take(now: number): (end: number) => void {
    if (this.limit.max === Infinity) return () => {};
    this.times.push(now);
    return (end) => {
      // Move this send's time to its end, keeping the list ordered (equal times are
      // interchangeable, so any entry with the start time will do).
      const i = this.times.indexOf(now);
      if (i >= 0) this.times.splice(i, 1);
      let j = this.times.length;
      while (j > 0 && (this.times[j - 1] as number) > end) j--;
      this.times.splice(j, 0, end);
    };
  }

  idle(now: number): boolean {
    this.expire(now);
    return this.times.length === 0;
  }
}

/** What the throttle needs from the outside world (tests pass a fake clock). */
export interface ThrottleClock {
  now: () => number;
  /** Resolves after `ms`, or sooner once `signal` is aborted. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<unknown>;
}

const realClock: ThrottleClock = {
  now: Date.now,
  sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
};

/**
 * Once stopping, the longest a send may still wait: a private chat's next second, or the
 * overall one. A group's next minute is not waited for.
 */
const STOPPING_MAX_WAIT_MS = 1_000;

/** Idle chat limiters are forgotten once there are this many. */
const SWEEP_AT = 5_000;

/**
 * Waits until one more message may go to a chat. Call it once per message actually sent (a long
 * text split in three counts three times).
 */
export class Throttle {
  private readonly chats = new Map<string, Limiter>();
  private readonly global: Limiter;
  private readonly stopping = new AbortController();

  constructor(
    private readonly limits: ThrottleLimits = TELEGRAM_LIMITS,
    private readonly clock: ThrottleClock = realClock,
  ) {
    this.global = new SlidingWindow(limits.global);
  }

  /**
   * From now on a send that would have to wait longer than a second is refused with a
   * `deferred` {@link DeliveryError}, those waiting already included: a stopping bot leaves
   * them in the outbox for its next start rather than wait out a group's minute.
   */
  stop(): void {
    this.stopping.abort();
  }

  /**
   * Resolves when a message to `chatId` may be sent, and counts it. Call the returned function
   * once the request has finished (whether it succeeded or not).
   */
  async acquire(chatId: string, group: boolean): Promise<() => void> {
    const chat = this.limiter(chatId, group);
    for (;;) {
      const now = this.clock.now();
      const wait = Math.max(chat.wait(now), this.global.wait(now));
      if (wait <= 0) {
        const endChat = chat.take(now);
        const endGlobal = this.global.take(now);
        return () => {
          const end = this.clock.now();
          endChat(end);
          endGlobal(end);
        };
      }
      const stopping = this.stopping.signal.aborted;
      if (stopping && wait > STOPPING_MAX_WAIT_MS) {
        throw new DeliveryError(`telegram: stopping, the next send is ${wait} ms away`, "deferred");
      }
      await this.clock.sleep(wait, stopping ? undefined : this.stopping.signal);
    }
  }

  private limiter(chatId: string, group: boolean): Limiter {
    let limiter = this.chats.get(chatId);
    if (!limiter) {
      if (this.chats.size >= SWEEP_AT) this.sweep();
      limiter = group
        ? new SlidingWindow(this.limits.group)
        : new Bucket(this.limits.privateChat, this.clock.now());
      this.chats.set(chatId, limiter);
    }
    return limiter;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, limiter] of this.chats) if (limiter.idle(now)) this.chats.delete(id);
  }
}
