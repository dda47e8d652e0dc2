import { type Channel, DeliveryError } from "../channels/channel.ts";
import type { Logger } from "../log.ts";
import type { OutboxItem } from "../store/outbox.ts";
import type { Store } from "../store/store.ts";

/** How hard the outbox tries. */
export interface DeliveryPolicy {
  /** Attempts before a message is given up. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How often to look for due retries when nothing else wakes the loop. */
  pollMs: number;
}

/** Deliveries are recorded in batches at most this old (ms). */
const MARK_BATCH_MS = 200;

export const DEFAULT_POLICY: DeliveryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  pollMs: 1_000,
};

/**
 * Moves messages from the outbox to the channels. Each address has at most one sender, which
 * sends its messages in order and then looks again; addresses never wait for each other, so a
 * staff group held back by its rate limit delays nobody else. Failures are retried with
 * backoff; a user who cannot be reached is marked so and their pending messages are dropped.
 */
export class Delivery {
  /** The sender working through each address's messages, by channel, then address. */
  private readonly senders = new Map<string, Map<string, Promise<void>>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private marks: { item: OutboxItem; at: number; channelId: string | undefined }[] = [];

  constructor(
    private readonly store: Store,
    private readonly channels: ReadonlyMap<string, Channel>,
    private readonly clock: () => number,
    private readonly log: Logger,
    private readonly policy: DeliveryPolicy = DEFAULT_POLICY,
  ) {}

  /**
   * Starts a sender for every address on a channel that has a message due and no sender yet,
   * and returns at once: whoever queued the messages does not wait for them to go out.
   */
  wake(channel: string): void {
    if (this.stopped || !this.channels.has(channel)) return;
    for (const address of this.store.outbox.dueAddresses(channel, this.clock())) {
      this.sender(channel, address);
    }
  }

  /**
   * Resolves once what is due to one address has gone out (or waits for a retry), starting its
   * sender if it has none. For channels that show the answers in the same exchange.
   */
  settled(channel: string, address: string): Promise<void> {
    if (this.stopped || !this.channels.has(channel)) return Promise.resolve();
    return this.sender(channel, address);
  }

  /** Delivers everything due on a channel now; resolves when its senders are done. */
  async flush(channel: string): Promise<void> {
    this.wake(channel);
    await this.idle([channel]);
  }

  /** Delivers everything due on every channel now; resolves when all senders are done. */
  async flushAll(): Promise<void> {
    for (const name of this.channels.keys()) this.wake(name);
    await this.idle(this.channels.keys());
  }

  /** Starts the background loop that picks up retries (and anything nobody woke it for). */
  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      try {
        for (const name of this.channels.keys()) this.wake(name);
      } catch (error) {
        this.log.error({ err: error }, "delivery_loop_failed");
      }
      this.timer = setTimeout(tick, this.policy.pollMs);
    };
    tick();
  }

  /** Stops the loop and waits for deliveries in flight (each sender stops after its message). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle(this.senders.keys());
  }

  /** Waits until the channels have no sender left (senders started meanwhile included). */
  private async idle(channels: Iterable<string>): Promise<void> {
    const names = [...channels];
    for (;;) {
      const running = names.flatMap((name) => [...(this.senders.get(name)?.values() ?? [])]);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** The address's sender, started if it has none. Its promise never rejects. */
  private sender(name: string, address: string): Promise<void> {
    let senders = this.senders.get(name);
    if (!senders) {
      senders = new Map();
      this.senders.set(name, senders);
    }
    const running = senders.get(address);
    if (running) return running;
    const channel = this.channels.get(name) as Channel;
    const list = senders;
    // Started on the next microtask, so the map holds the sender before it can finish.
    const sender = Promise.resolve().then(() => this.send(channel, address, list));
    senders.set(address, sender);
    return sender;
  }

  /**
   * Sends an address's due messages in order, looking again after each run (messages queued
   * meanwhile), until none is due, one fails, or delivery stops.
   */
  private async send(
    channel: Channel,
    address: string,
    senders: Map<string, Promise<void>>,
  ): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return;
        const run = this.store.outbox.dueTo(channel.name, address, this.clock());
        if (run.length === 0) return;
        const sent = await this.deliverRun(channel, run);
        // Recorded before looking again, or the look would find these messages still unsent.
        this.writeMarks();
        if (sent < run.length) return;
      }
    } catch (error) {
      this.log.error({ err: error, channel: channel.name }, "delivery_failed");
    } finally {
      // In the same synchronous step as the last look: a message queued after it finds no
      // sender here and starts a new one.
      senders.delete(address);
      this.writeMarksSafely();
    }
  }

  /**
   * Remembers a delivery, to be written with others in one transaction: at the end of a
   * sender's run, or once the oldest unwritten one is `MARK_BATCH_MS` old (so a crash can
   * resend at most that much).
   */
  private mark(item: OutboxItem, channelId: string | undefined): void {
    const now = this.clock();
    this.marks.push({ item, at: now, channelId });
    if (now - (this.marks[0]?.at ?? now) >= MARK_BATCH_MS) this.writeMarks();
  }

  private writeMarksSafely(): void {
    try {
      this.writeMarks();
    } catch (error) {
      this.log.error({ err: error }, "delivery_mark_failed");
    }
  }

  private writeMarks(): void {
    if (this.marks.length === 0) return;
    const marks = this.marks;
    this.marks = [];
    this.store.transaction(() => {
      for (const m of marks) this.store.outbox.markSent(m.item, m.at, m.channelId);
    });
  }

  private async deliverRun(channel: Channel, run: OutboxItem[]): Promise<number> {
    let sent = 0;
    for (const item of run) {
      if (this.stopped || !(await this.deliverOne(channel, item))) break;
      sent++;
    }
    return sent;
  }

  private async deliverOne(channel: Channel, item: OutboxItem): Promise<boolean> {
    try {
      const channelId = await channel.deliver({
        ref: item.id,
        address: item.address,
        message: item.message,
      });
      this.mark(item, channelId ?? undefined);
      return true;
    } catch (error) {
      this.failed(item, error);
      return false;
    }
  }

  private failed(item: OutboxItem, error: unknown): void {
    const now = this.clock();
    const failure = error instanceof DeliveryError ? error.failure : "retry";
    const reason = error instanceof Error ? error.message : String(error);
    if (failure === "deferred") {
      // Left as it is: due again at the next start.
      this.log.info({ channel: item.channel, outbox: item.id, reason }, "delivery_deferred");
      return;
    }
    const where = { channel: item.channel, outbox: item.id, attempts: item.attempts + 1 };
    if (failure === "unreachable") {
      this.store.users.setReachable(item.channel, item.address, false);
      const dropped = this.store.outbox.failAddress(item.channel, item.address, now, reason);
      this.log.warn({ ...where, dropped }, "user_unreachable");
      return;
    }
    if (failure === "permanent" || item.attempts + 1 >= this.policy.maxAttempts) {
      this.store.outbox.markFailed(item.id, now, reason);
      this.log.error({ ...where, failure }, "delivery_given_up");
      return;
    }
    const backoff = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** item.attempts);
    const wait =
      error instanceof DeliveryError && error.retryAfterMs !== undefined
        ? Math.max(error.retryAfterMs, 0)
        : backoff;
    this.store.outbox.markRetry(item.id, now + wait, reason);
    this.log.warn({ ...where, waitMs: wait }, "delivery_retry");
  }
}
