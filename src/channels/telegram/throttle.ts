/**
 * Keeps outbound messages within Telegram's published limits: about one message a second per
 * private chat (short bursts allowed), twenty a minute per group, thirty a second overall.
 * Waiting here is cheaper than a 429: a 429 costs an outbox round-trip and Telegram frowns on
 * bots that keep hitting it.
 */
import { setTimeout as sleep } from "node:timers/promises";

/** A token bucket: `burst` tokens, refilled at `perSecond`. */
export interface Rate {
  burst: number;
  perSecond: number;
}

/** The limits to keep. */
export interface ThrottleLimits {
  privateChat: Rate;
  group: Rate;
  global: Rate;
}

/** Telegram's limits (https://core.telegram.org/bots/faq#broadcasting-to-users). */
export const TELEGRAM_LIMITS: ThrottleLimits = {
  privateChat: { burst: 4, perSecond: 1 },
  group: { burst: 4, perSecond: 20 / 60 },
  global: { burst: 30, perSecond: 30 },
};

/** No limits at all (benchmarks measuring the raw pipeline). */
export const NO_LIMITS: ThrottleLimits = {
  privateChat: { burst: Infinity, perSecond: Infinity },
  group: { burst: Infinity, perSecond: Infinity },
  global: { burst: Infinity, perSecond: Infinity },
};

class Bucket {
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
    if (this.rate.perSecond === Infinity) {
      this.tokens = this.rate.burst;
    } else {
      const gained = ((now - this.at) / 1000) * this.rate.perSecond;
      this.tokens = Math.min(this.rate.burst, this.tokens + gained);
    }
    this.at = now;
  }

  /** Milliseconds until a token is available (0 when one is). */
  wait(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.rate.perSecond) * 1000);
  }

  take(): void {
    this.tokens -= 1;
  }

  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.rate.burst;
  }
}

/** What the throttle needs from the outside world (tests pass a fake clock). */
export interface ThrottleClock {
  now: () => number;
  sleep: (ms: number) => Promise<unknown>;
}

const realClock: ThrottleClock = { now: Date.now, sleep: (ms) => sleep(ms) };

/** Idle chat buckets are forgotten once there are this many. */
const SWEEP_AT = 5_000;

/**
 * Waits until one more message may go to a chat. Call it once per message actually sent (a long
 * text split in three counts three times).
 */
export class Throttle {
  private readonly chats = new Map<string, Bucket>();
  private readonly global: Bucket;

  constructor(
    private readonly limits: ThrottleLimits = TELEGRAM_LIMITS,
    private readonly clock: ThrottleClock = realClock,
  ) {
    this.global = new Bucket(limits.global, clock.now());
  }

  /** Resolves when a message to `chatId` may be sent, and counts it. */
  async acquire(chatId: string, group: boolean): Promise<void> {
    const chat = this.bucket(chatId, group);
    for (;;) {
      const now = this.clock.now();
      const wait = Math.max(chat.wait(now), this.global.wait(now));
      if (wait <= 0) {
        chat.take();
        this.global.take();
        return;
      }
      await this.clock.sleep(wait);
    }
  }

  private bucket(chatId: string, group: boolean): Bucket {
    let bucket = this.chats.get(chatId);
    if (!bucket) {
      if (this.chats.size >= SWEEP_AT) this.sweep();
      bucket = new Bucket(group ? this.limits.group : this.limits.privateChat, this.clock.now());
      this.chats.set(chatId, bucket);
    }
    return bucket;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, bucket] of this.chats) if (bucket.full(now)) this.chats.delete(id);
  }
}
