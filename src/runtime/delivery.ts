import { type Channel, DeliveryError } from "../channels/channel.ts";
import type { Logger } from "../log.ts";
import { DUE_LIMIT, type OutboxItem } from "../store/outbox.ts";
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
 * Moves messages from the outbox to the channels. Each address gets its messages in order;
 * addresses are served in parallel. Failures are retried with backoff; a user who cannot be
 * reached is marked so and their pending messages are dropped.
 */
export class Delivery {
  private readonly running = new Map<string, Promise<number>>();
  private readonly again = new Set<string>();
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
   * Delivers everything due on a channel now. Concurrent calls for one channel share one run
   * (and trigger one more pass), so no message is ever sent twice by two loops.
   */
  flush(channel: string): Promise<number> {
    const current = this.running.get(channel);
    if (current) {
      this.again.add(channel);
      return current;
    }
    const run = this.drain(channel).finally(() => this.running.delete(channel));
    this.running.set(channel, run);
    return run;
  }

  /** Flushes every channel. */
  async flushAll(): Promise<number> {
    const counts = await Promise.all([...this.channels.keys()].map((name) => this.flush(name)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Starts the background loop that picks up retries. */
  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      void this.flushAll()
        .catch((error: unknown) => this.log.error({ err: error }, "delivery_loop_failed"))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.policy.pollMs);
        });
    };
    tick();
  }

  /** Stops the loop and waits for deliveries in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  private async drain(name: string): Promise<number> {
    const channel = this.channels.get(name);
    if (!channel) return 0;
    let delivered = 0;
    try {
      do {
        this.again.delete(name);
        for (;;) {
          const runs = this.store.outbox.due(name, this.clock());
          if (runs.size === 0) break;
          // Addresses in parallel; each address's messages in order, stopping at a failure.
          const counts = await Promise.all(
            [...runs.values()].map((run) => this.deliverRun(channel, run)),
          );
          this.writeMarks();
          delivered += counts.reduce((a, b) => a + b, 0);
          // Messages queued meanwhile come with their own flush (see `again`); look again
          // only if this look was cut short.
          if (this.stopped || runs.rows < DUE_LIMIT) break;
        }
      } while (this.again.has(name));
    } finally {
      this.writeMarks();
    }
    return delivered;
  }

  /**
   * Remembers a delivery, to be written with others in one transaction: at the end of a pass,
   * or once the oldest unwritten one is `MARK_BATCH_MS` old (so a crash can resend at most
   * that much).
   */
  private mark(item: OutboxItem, channelId: string | undefined): void {
    const now = this.clock();
    this.marks.push({ item, at: now, channelId });
    if (now - (this.marks[0]?.at ?? now) >= MARK_BATCH_MS) this.writeMarks();
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
