/**
 * Human-like pacing for outgoing WhatsApp messages. WhatsApp bans numbers that send fast,
 * regular bursts; a reply that waits a little, shows "typing…" and varies its timing looks
 * like a person. A global cap per minute also throttles a backlog after a reconnect.
 */

/** Timing knobs (ms). */
export interface PacingOptions {
  /** Messages per rolling minute, all chats together. */
  maxPerMinute: number;
  typingMinMs: number;
  typingMaxMs: number;
  typingMsPerChar: number;
  /** Pause after each message before the next one to the same chat. */
  gapMinMs: number;
  gapMaxMs: number;
}

export const DEFAULT_PACING: PacingOptions = {
  maxPerMinute: 30,
  typingMinMs: 800,
  typingMaxMs: 3_000,
  typingMsPerChar: 25,
  gapMinMs: 800,
  gapMaxMs: 2_000,
};

/** Clock, sleep and randomness, injected so tests run instantly and deterministically. */
export interface Timing {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/** Real time. */
export const REAL_TIMING: Timing = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Spaces out sends and says how long to "type" and pause. */
export class Pacer {
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: PacingOptions,
    private readonly timing: Timing,
  ) {}

  /** Waits until one more message fits in the per-minute cap, then counts it. */
  slot(): Promise<void> {
    const turn = this.queue.then(() => this.take());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** How long to show "typing…" before a text of this length. */
  typingMs(text: string): number {
    const { typingMinMs, typingMaxMs, typingMsPerChar } = this.options;
    const base = Math.min(typingMaxMs, Math.max(typingMinMs, text.length * typingMsPerChar));
    return Math.round(base * (0.8 + 0.4 * this.timing.random()));
  }

  /** The pause after a message. */
  gapMs(): number {
    const { gapMinMs, gapMaxMs } = this.options;
    return Math.round(gapMinMs + (gapMaxMs - gapMinMs) * this.timing.random());
  }

  private async take(): Promise<void> {
    for (;;) {
      const now = this.timing.now();
      while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - 60_000) this.sent.shift();
      if (this.sent.length < this.options.maxPerMinute) {
        this.sent.push(now);
        return;
      }
      const wait = (this.sent[0] ?? now) + 60_000 - now;
      await this.timing.sleep(Math.max(wait, 1) + Math.round(this.timing.random() * 500));
    }
  }
}
