/**
 * Flood control: one sender may send at most `max` messages per `windowMs`. Past that, their
 * messages are recorded but not answered, and they get one polite notice per window. The check
 * is in memory and per sender, so a flood costs others nothing.
 */
export interface FloodLimits {
  max: number;
  windowMs: number;
}

/** What the guard decides for one message. */
export type FloodVerdict = "ok" | "notice" | "drop";

interface Window {
  start: number;
  count: number;
}

/** Forget senders idle for this many windows, so memory stays bounded. */
const SWEEP_AFTER_WINDOWS = 10;

export class FloodGuard {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(private readonly limits: FloodLimits) {}

  /** Counts a message from `sender` at `now`. */
  check(sender: string, now: number): FloodVerdict {
    this.sweep(now);
    let w = this.windows.get(sender);
    if (!w || now - w.start >= this.limits.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(sender, w);
    }
    w.count++;
    if (w.count <= this.limits.max) return "ok";
    return w.count === this.limits.max + 1 ? "notice" : "drop";
  }

  private sweep(now: number): void {
    const horizon = this.limits.windowMs * SWEEP_AFTER_WINDOWS;
    if (now - this.lastSweep < horizon) return;
    this.lastSweep = now;
    for (const [sender, w] of this.windows)
      if (now - w.start >= horizon) this.windows.delete(sender);
  }
}
