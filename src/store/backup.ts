import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";

/** Backup copies made by the bot and `npm run backup`: `jalur-resmi-20261204T163300Z.db`. */
const BACKUP_NAME = /^jalur-resmi-\d{8}T\d{6}Z\.db$/;
/** A copy still being written (or left by a crash mid-copy); never a usable backup. */
const PARTIAL = ".partial";
/** A partial copy older than this was left by a crash (a copy takes seconds to minutes). */
const STALE_PARTIAL_MS = 6 * 3_600_000;

/** The file name of a backup made at `now` (UTC, sorts by time). */
export function backupFileName(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
  return `jalur-resmi-${stamp}Z.db`;
}

/**
 * Copies a live database with SQLite's online backup (safe while the bot runs), makes the copy
 * readable by its owner only, and checks it. The copy is written under a temporary name and
 * renamed only once it passed the integrity check, so a file under `destination` is always a
 * complete, checked copy. Returns the number of pages copied.
 */
export async function backupDatabase(db: Database.Database, destination: string): Promise<number> {
  mkdirSync(dirname(destination), { recursive: true });
  const partial = `${destination}${PARTIAL}`;
  try {
    const result = await db.backup(partial);
    chmodSync(partial, 0o600);
    const copy = new Database(partial);
    try {
      // A copy is one self-contained file: no write-ahead log beside it to lose in a move.
      copy.pragma("journal_mode = DELETE");
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok")
        throw new Error(`the backup failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    renameSync(partial, destination);
    return result.totalPages;
  } catch (error) {
    for (const suffix of ["", "-wal", "-shm", "-journal"])
      rmSync(`${partial}${suffix}`, { force: true });
    throw error;
  }
}

/**
 * Deletes all but the newest `keep` backup copies in `dir` (by their names' time stamps), and
 * copies left half-written by a crash hours ago. Other files in the folder are never touched.
 * Returns the names removed.
 */
export function pruneBackups(dir: string, keep: number, now = Date.now()): string[] {
  const names = readdirSync(dir);
  const copies = names.filter((n) => BACKUP_NAME.test(n)).sort();
  const stale = names.filter(
    (n) =>
      n.endsWith(PARTIAL) &&
      BACKUP_NAME.test(n.slice(0, -PARTIAL.length)) &&
      now - statSync(join(dir, n)).mtimeMs > STALE_PARTIAL_MS,
  );
  const removed = [...copies.slice(0, Math.max(0, copies.length - keep)), ...stale];
  for (const name of removed) rmSync(join(dir, name), { force: true });
  return removed;
}
