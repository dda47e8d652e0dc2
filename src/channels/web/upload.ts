/**
 * Files sent from the web chat (a photo of a contract, a voice recording). A file is taken only
 * when the bot asks for one (or a case is open), a few per visitor per day, while the media
 * folder is within its budget, and a few at a time per IP address and in total. Its type is
 * decided by its bytes (the same check as WhatsApp downloads); it is streamed to disk, cut off
 * at the size limit, and readable by the owner only. Erased with the user's data.
 */
import type { Readable } from "node:stream";
import type { MediaRef } from "../../engine/types.ts";
import { RateLimiter } from "../../http/rate-limit.ts";
import type { MediaBudget } from "../../media/budget.ts";
import { saveMedia } from "../../media/save.ts";
import { baseMime, webUploadKind } from "../../media/types.ts";

export { WEB_ACCEPT as ACCEPT } from "../../media/types.ts";

/** Why a file was not kept; each has its own notice for the visitor. */
export type UploadRefusal =
  | "not_now"
  | "daily_limit"
  | "unsupported"
  | "mismatch"
  | "too_large"
  | "full"
  | "failed";

/** What became of an upload. */
export type Upload = { media: MediaRef } | { refused: UploadRefusal };

/** Limits on uploads. */
export interface UploadLimits {
  dir: string;
  /** Largest file. */
  maxBytes: number;
  /** Files one visitor may send per day. */
  perDay: number;
  /** Uploads in progress at once, from one IP address and in total. */
  perIp: number;
  total: number;
  /** An upload taking longer is abandoned. */
  timeoutMs: number;
}

/** The default limits besides the folder and the file size (see README, "Web chat limits"). */
export const UPLOAD_DEFAULTS = { perDay: 10, perIp: 3, total: 12, timeoutMs: 120_000 } as const;

/** See the file's comment. */
export class Uploads {
  private readonly daily: RateLimiter;
  private readonly running = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly limits: UploadLimits,
    private readonly budget: MediaBudget,
    private readonly clock: () => number,
    /** Told when a file is refused because the folder is full, and when one fitted again. */
    private readonly events: { full(): void; stored(): void } = { full() {}, stored() {} },
  ) {
    this.daily = new RateLimiter(limits.perDay, 86_400_000);
  }

  /** Starts an upload from `ip`; false when too many are in progress (the body is not read). */
  begin(ip: string): (() => void) | undefined {
    const mine = this.running.get(ip) ?? 0;
    if (mine >= this.limits.perIp || this.total >= this.limits.total) return undefined;
    this.running.set(ip, mine + 1);
    this.total++;
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.total--;
      const left = (this.running.get(ip) ?? 1) - 1;
      if (left > 0) this.running.set(ip, left);
      else this.running.delete(ip);
    };
  }

  /**
   * Takes (or refuses) a file as it arrives; `stream` is always read to its end. `accepts`
   * says whether the bot would take a file from this visitor now.
   */
  async receive(
    address: string,
    accepts: boolean,
    mime: string | undefined,
    stream: Readable,
    /** The body's declared length, when known: the file is no larger. */
    declared?: number,
  ): Promise<Upload> {
    const refuse = (refused: UploadRefusal): Upload => {
      stream.resume();
      return { refused };
    };
    if (!accepts) return refuse("not_now");
    const now = this.clock();
    if (!this.daily.wouldAllow(address, now)) return refuse("daily_limit");
    const kind = webUploadKind(mime);
    if (!kind) return refuse("unsupported");
    const bound =
      declared !== undefined && Number.isFinite(declared)
        ? Math.min(declared, this.limits.maxBytes)
        : this.limits.maxBytes;
    const held = this.budget.reserve(bound);
    if (!held) {
      this.events.full();
      return refuse("full");
    }
    // Cut at the size limit, or at the declared length (which the budget holds).
    const saved = await saveMedia(
      stream,
      { kind, mime, size: undefined },
      { dir: this.limits.dir, maxBytes: bound, timeoutMs: this.limits.timeoutMs },
    );
    if (!saved.ok) {
      held.release();
      stream.resume();
      return { refused: saved.reason === "type" ? "unsupported" : saved.reason };
    }
    held.commit(saved.size);
    this.events.stored();
    this.daily.allow(address, now);
    return { media: { kind, mime: baseMime(mime) ?? "", size: saved.size, path: saved.path } };
  }
}
