/**
 * Stores a file a person sent (a WhatsApp download, a web chat upload): streamed to the media
 * directory under a random name, cut off at the size limit, and kept only when its first bytes
 * match the type it claims. One implementation for every channel.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { MediaKind } from "../engine/types.ts";
import type { MediaBudget } from "./budget.ts";
import { acceptedType, bytesMatch } from "./types.ts";

/** Limits for downloaded media. */
export interface MediaLimits {
  /** Directory the files go to (created owner-only). */
  dir: string;
  maxBytes: number;
  /** A download taking longer is abandoned. */
  timeoutMs: number;
  /** The media folder's total budget; a file that does not fit is refused ("full"). */
  budget?: MediaBudget;
}

/** What is known about a file before downloading it. */
export interface MediaInfo {
  kind: MediaKind;
  mime: string | undefined;
  size: number | undefined;
}

/** Why a file was not kept. */
export type Refusal = "type" | "too_large" | "mismatch" | "full" | "failed";

/** A stored file, or why there is none. */
export type Saved =
  | { ok: true; path: string; size: number; mime: string }
  | { ok: false; reason: Refusal };

class TooLarge extends Error {}

/** Counts bytes, keeps the first few for the type check, and stops at the size limit. */
class Meter extends Transform {
  bytes = 0;
  head = Buffer.alloc(0);

  constructor(private readonly max: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) {
      done(new TooLarge());
      return;
    }
    if (this.head.length < 64) this.head = Buffer.concat([this.head, chunk]).subarray(0, 64);
    done(null, chunk);
  }
}

/** Checks what the sender declared, before spending a download on it. */
export function precheck(info: MediaInfo, limits: MediaLimits): Refusal | undefined {
  if (!acceptedType(info.kind, info.mime)) return "type";
  if (info.size !== undefined && info.size > limits.maxBytes) return "too_large";
  return undefined;
}

/**
 * Streams a file to `limits.dir` under a random name, owner-readable only. The declared size
 * is not trusted: the stream is cut at the limit. The first bytes must match the declared type.
 * Nothing is left on disk when the file is refused.
 */
export async function saveMedia(
  source: Readable,
  info: MediaInfo,
  limits: MediaLimits,
): Promise<Saved> {
  const refused = precheck(info, limits);
  const accepted = acceptedType(info.kind, info.mime);
  if (refused || !accepted) {
    source.destroy();
    return { ok: false, reason: refused ?? "type" };
  }
  const held = limits.budget ? limits.budget.reserve(limits.maxBytes) : undefined;
  if (limits.budget && !held) {
    source.destroy();
    return { ok: false, reason: "full" };
  }
  mkdirSync(limits.dir, { recursive: true, mode: 0o700 });
  const path = join(limits.dir, `${randomUUID()}${accepted.ext}`);
  const meter = new Meter(limits.maxBytes);
  const file = createWriteStream(path, { mode: 0o600, flags: "wx" });
  try {
    await pipeline(source, meter, file, { signal: AbortSignal.timeout(limits.timeoutMs) });
  } catch (error) {
    // The file may still be opening; remove it only once the stream is closed, or it reappears.
    if (!file.closed) await new Promise<void>((resolve) => file.once("close", () => resolve()));
    rmSync(path, { force: true });
    held?.release();
    return { ok: false, reason: error instanceof TooLarge ? "too_large" : "failed" };
  }
  if (meter.bytes === 0 || !bytesMatch(accepted, meter.head)) {
    rmSync(path, { force: true });
    held?.release();
    return { ok: false, reason: meter.bytes === 0 ? "failed" : "mismatch" };
  }
  held?.commit(meter.bytes);
  return { ok: true, path, size: meter.bytes, mime: info.mime ?? "" };
}
