/**
 * The media directory's total budget (`MEDIA_MAX_TOTAL_MB`): files people send are refused once
 * the folder holds that much, so nobody can fill the disk the database needs. The folder is
 * measured from the disk (other channels and deletions change it), at most every few seconds;
 * uploads in progress reserve their worst case, so parallel uploads cannot overshoot.
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** How old a measurement may be before the folder is measured again. */
const MEASURE_EVERY_MS = 5_000;

/** A place held for one file while it is being stored. */
export interface Reservation {
  /** The file was kept with this many bytes (until the next measurement counts it). */
  commit(bytes: number): void;
  /** The file was not kept. */
  release(): void;
}

/** See the file's comment. */
export class MediaBudget {
  private measured = 0;
  private measuredAt = Number.NEGATIVE_INFINITY;
  /** Bytes held by uploads in progress, and kept since the last measurement. */
  private held = 0;
  private added = 0;

  constructor(
    private readonly dir: string,
    readonly maxBytes: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Bytes in the folder now (as last measured, plus what was kept since). */
  used(): number {
    const now = this.clock();
    if (now - this.measuredAt >= MEASURE_EVERY_MS) {
      this.measured = folderSize(this.dir);
      this.measuredAt = now;
      this.added = 0;
    }
    return this.measured + this.added;
  }

  /** True when nothing more fits. */
  get full(): boolean {
    return this.used() + this.held >= this.maxBytes;
  }

  /** Holds `bytes` (a file's largest possible size); undefined when they do not fit. */
  reserve(bytes: number): Reservation | undefined {
    if (this.used() + this.held + bytes > this.maxBytes) return undefined;
    this.held += bytes;
    let open = true;
    const close = () => {
      if (!open) return false;
      open = false;
      this.held -= bytes;
      return true;
    };
    return {
      commit: (kept) => {
        if (close()) this.added += kept;
      },
      release: () => {
        close();
      },
    };
  }
}

/** The total size of the files directly in `dir` (0 when it does not exist). */
function folderSize(dir: string): number {
  let total = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    try {
      const stat = statSync(join(dir, name));
      if (stat.isFile()) total += stat.size;
    } catch {
      // Deleted while we looked.
    }
  }
  return total;
}

const shared = new Map<string, MediaBudget>();

/** The one budget of a media folder, shared by every channel that stores files in it. */
export function mediaBudget(dir: string, maxBytes: number, clock?: () => number): MediaBudget {
  const key = `${resolve(dir)}|${maxBytes}`;
  let budget = shared.get(key);
  if (!budget) {
    budget = new MediaBudget(dir, maxBytes, clock);
    shared.set(key, budget);
  }
  return budget;
}
