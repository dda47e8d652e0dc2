/**
 * The web chat channel: people chat with the bot on a web page (or through the snippet an
 * office puts on its own website). Messages come in by HTTP POST; the bot's messages go into
 * the browser's transcript, where the page picks them up by long polling (or on reload,
 * without JavaScript).
 */
import { rmSync } from "node:fs";
import type { Lang, MediaRef, OutMessage, UserInput } from "../../engine/types.ts";
import { RateLimiter } from "../../http/rate-limit.ts";
import type { Channel, ChannelHost, Outgoing } from "../channel.ts";
import type { TranscriptEntry, TranscriptStore } from "./ports.ts";

/** The channel's name (users' `channel`, outbox rows). */
export const WEB_CHAT = "web";

/** Limits on what one visitor and one IP address may send. */
export interface WebChatLimits {
  /** Messages per minute from one visitor. */
  perVisitor: number;
  /** Messages and new visitors per minute from one IP address. */
  perIp: number;
  /**
   * Option taps per minute from one visitor. Counted apart from typed messages, and more
   * generously: tapping through a few sub-menus is not flooding.
   */
  tapsPerVisitor?: number;
}

/** Taps per minute a visitor may make when the configuration does not say. */
export const DEFAULT_TAPS_PER_MINUTE = 60;

/**
 * Long polls waiting at once. Each holds a connection (a file descriptor) for up to 25 s; the
 * total stays far below the usual limit of 1,024 descriptors per process, so `/healthz`, the
 * pages, the console and the database always have room. Past a cap a poll is answered at once,
 * empty, and its connection closed.
 */
export interface PollCaps {
  perVisitor: number;
  perIp: number;
  total: number;
}

/** The default {@link PollCaps} (see README, "Web chat limits"). */
export const POLL_CAPS: PollCaps = { perVisitor: 4, perIp: 40, total: 400 };

/** What the channel needs. */
export interface WebChatOptions {
  transcript: TranscriptStore;
  clock: () => number;
  limits: WebChatLimits;
  polls?: PollCaps;
}

/** What a browser can send: text, a tapped option, a file. */
export type WebInput = Extract<
  UserInput,
  { type: "text" } | { type: "choice" } | { type: "media" }
>;

/** How a file the person sent shows in their transcript. */
const ICONS: Record<MediaRef["kind"], string> = {
  photo: "🖼️",
  voice: "🎤",
  audio: "🎵",
  video: "🎬",
  document: "📄",
};

/** What became of a message sent from a browser. */
export type SendResult = "ok" | "limited" | "stopped";

/** Longest text accepted from a browser (the engine clips further where it must). */
export const MAX_TEXT = 4000;

/** The web chat as a channel: see the file's comment. */
export class WebChatChannel implements Channel {
  readonly name = WEB_CHAT;
  private host: ChannelHost | undefined;
  private stopped = false;
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly pollsByIp = new Map<string, number>();
  private pollsWaiting = 0;
  private readonly caps: PollCaps;
  private readonly perVisitor: RateLimiter;
  private readonly tapsPerVisitor: RateLimiter;
  private readonly perIp: RateLimiter;
  /** Message ids seen lately, so a form sent twice shows once in the transcript too. */
  private readonly seen = new Set<string>();
  private inFlight = 0;
  private idle: (() => void) | undefined;

  constructor(private readonly options: WebChatOptions) {
    this.perVisitor = new RateLimiter(options.limits.perVisitor, 60_000);
    this.tapsPerVisitor = new RateLimiter(
      options.limits.tapsPerVisitor ?? DEFAULT_TAPS_PER_MINUTE,
      60_000,
    );
    this.perIp = new RateLimiter(options.limits.perIp, 60_000);
    this.caps = options.polls ?? POLL_CAPS;
  }

  /** True when the bot would take a file from this visitor now. */
  acceptsMedia(address: string): boolean {
    return this.host?.acceptsMedia(WEB_CHAT, address) ?? true;
  }

  /** Tells staff about a problem of the web chat (e.g. no room left for files). */
  async alertStaff(key: string, vars?: Record<string, string | number>): Promise<void> {
    await this.host?.alertStaff(key, vars);
  }

  /** Polls waiting now (for tests and health checks). */
  get waitingPolls(): number {
    return this.pollsWaiting;
  }

  async start(host: ChannelHost): Promise<void> {
    this.host = host;
    this.stopped = false;
  }

  /** Refuses new messages, ends waiting polls, and waits for messages being handled. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const address of [...this.waiters.keys()]) this.wake(address);
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
  }

  /** True once stopped (pages then say the chat is unavailable). */
  get running(): boolean {
    return this.host !== undefined && !this.stopped;
  }

  async deliver(out: Outgoing): Promise<undefined> {
    // Files are not sent to browsers (staff see them in the console); the text says what it is.
    const { media: _media, ...message } = out.message;
    this.options.transcript.add(out.address, "out", message, this.options.clock());
    this.wake(out.address);
    return undefined;
  }

  /** Counts a new visitor against their IP address; false when the address is over its limit. */
  admit(ip: string): boolean {
    return this.perIp.allow(ip, this.options.clock());
  }

  /**
   * Handles a message from a browser: rate limits, the transcript line for what the person
   * sent, then the bot (whose answers are in the transcript before this resolves).
   */
  async send(
    visitor: { address: string; ip: string; lang: Lang; entry?: string | undefined },
    input: WebInput,
    messageId: string,
  ): Promise<SendResult> {
    const host = this.host;
    const file = input.type === "media" ? input.media.path : undefined;
    const drop = () => {
      if (file) rmSync(file, { force: true });
    };
    if (!host || this.stopped) {
      drop();
      return "stopped";
    }
    const now = this.options.clock();
    // A tap is one of a few buttons the bot offered, so it has its own, larger allowance; the
    // per-IP limit still bounds everything one address sends.
    const perVisitor = input.type === "choice" ? this.tapsPerVisitor : this.perVisitor;
    if (!perVisitor.allow(visitor.address, now) || !this.perIp.allow(visitor.ip, now)) {
      drop();
      return "limited";
    }
    const shown = this.shown(visitor.address, input);
    // Staff read the log: a tap is kept as the words on the button.
    const passed: WebInput =
      input.type === "choice" && shown !== input.id ? { ...input, label: shown } : input;
    const key = `${visitor.address}:${messageId}`;
    if (this.seen.has(key)) {
      // The same form sent again: the bot ignores it, and the second copy of a file goes.
      drop();
    } else {
      this.remember(key);
      this.options.transcript.add(visitor.address, "in", { text: shown }, now);
      this.wake(visitor.address);
    }
    this.inFlight++;
    try {
      await host.receive({
        channel: WEB_CHAT,
        address: visitor.address,
        // Ids come from browsers: one visitor's id must never hide another visitor's message.
        messageId: `${visitor.address}:${messageId}`,
        input: passed,
        langHint: visitor.lang,
        // A page without JavaScript shows the answers on the page the form leads to.
        awaitReplies: true,
        // An outreach code from the link the page was opened with (first message only).
        ...(visitor.entry ? { entry: visitor.entry } : {}),
      });
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.idle?.();
    }
    return "ok";
  }

  /** The latest transcript lines of a visitor, oldest first. */
  history(address: string, limit = 100): TranscriptEntry[] {
    return this.options.transcript.latest(address, limit);
  }

  /**
   * The id of the oldest line the visitor's transcript still holds (undefined when it is
   * empty). A page showing older lines shows what was erased (`hapus`) and must clear them.
   */
  oldest(address: string): number | undefined {
    return this.options.transcript.oldest(address);
  }

  /**
   * Transcript lines after `afterId`; if there are none yet, waits up to `waitMs` for some
   * (long polling). Resolves with none when the channel stops, and with "busy" (at once) when
   * the visitor, their IP address or the server already has as many polls waiting as allowed.
   */
  async poll(
    visitor: { address: string; ip: string },
    afterId: number,
    waitMs: number,
  ): Promise<TranscriptEntry[] | "busy"> {
    const { address, ip } = visitor;
    const now = this.options.transcript.after(address, afterId);
    if (now.length > 0 || this.stopped || waitMs <= 0) return now;
    const set = this.waiters.get(address) ?? new Set();
    const byIp = this.pollsByIp.get(ip) ?? 0;
    if (
      set.size >= this.caps.perVisitor ||
      byIp >= this.caps.perIp ||
      this.pollsWaiting >= this.caps.total
    ) {
      return "busy";
    }
    this.pollsWaiting++;
    this.pollsByIp.set(ip, byIp + 1);
    try {
      await new Promise<void>((resolve) => {
        this.waiters.set(address, set);
        const done = () => {
          clearTimeout(timer);
          set.delete(done);
          if (set.size === 0 && this.waiters.get(address) === set) this.waiters.delete(address);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        set.add(done);
      });
    } finally {
      this.pollsWaiting--;
      const left = (this.pollsByIp.get(ip) ?? 1) - 1;
      if (left > 0) this.pollsByIp.set(ip, left);
      else this.pollsByIp.delete(ip);
    }
    return this.options.transcript.after(address, afterId);
  }

  private wake(address: string): void {
    for (const done of [...(this.waiters.get(address) ?? [])]) done();
  }

  private remember(key: string): void {
    this.seen.add(key);
    if (this.seen.size > 5000) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  /** How the person's message reads in their transcript: a tapped option shows its label. */
  private shown(address: string, input: WebInput): string {
    if (input.type === "text") return input.text;
    if (input.type === "media")
      return `${ICONS[input.media.kind]} ${input.media.caption ?? ""}`.trim();
    const offered = this.options.transcript
      .latest(address, 10)
      .reverse()
      .find((e) => e.direction === "out" && e.message.options?.length);
    return offered?.message.options?.find((o) => o.id === input.id)?.label ?? input.id;
  }
}

/** The options of the bot's last message, if nothing was sent after it (buttons to show). */
export function pendingOptions(entries: readonly TranscriptEntry[]): OutMessage | undefined {
  const last = entries.at(-1);
  return last?.direction === "out" && last.message.options?.length ? last.message : undefined;
}
