/**
 * A sliding-window rate limiter kept in memory: at most `max` events per `windowMs` per key.
 * Keys idle for a whole window are forgotten, so memory stays bounded by recent senders.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an event for `key`; false when the key is over its limit (the event is not counted). */
  allow(key: string, now: number): boolean {
    this.sweep(now);
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }

  /** True when an event for `key` would be allowed now (nothing is counted). */
  wouldAllow(key: string, now: number): boolean {
    const since = now - this.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > since).length < this.max;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    const since = now - this.windowMs;
    for (const [key, times] of this.hits) {
      if ((times.at(-1) ?? 0) <= since) this.hits.delete(key);
    }
  }
}
