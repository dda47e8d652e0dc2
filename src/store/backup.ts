import { chmodSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/**
 * Copies a live database with SQLite's online backup (safe while the bot runs), makes the copy
 * readable by its owner only, and checks it. Returns the number of pages copied.
 */
export async function backupDatabase(db: Database.Database, destination: string): Promise<number> {
  mkdirSync(dirname(destination), { recursive: true });
  const result = await db.backup(destination);
  chmodSync(destination, 0o600);
  const copy = new Database(destination, { readonly: true });
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`the backup failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
  return result.totalPages;
}
