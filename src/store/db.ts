import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrate } from "./migrations.ts";

export type { Database } from "better-sqlite3";

/**
 * Opens (or creates) the SQLite database: WAL for concurrent reads and fast commits, a busy
 * timeout, foreign keys, deleted content overwritten with zeros (`secure_delete`: what a user
 * erases must not stay readable in the file), and the file readable by its owner only (it holds
 * personal data). A database written before `secure_delete` was on is vacuumed once, so old
 * deleted rows go too. `:memory:` gives a private in-memory database for tests. Pending
 * migrations run forward in one transaction; one that fails is rolled back and the error
 * thrown, the file untouched.
 */
export function openDatabase(path: string, options: { migrate?: boolean } = {}): Database.Database {
  if (path !== ":memory:") {
    mkdirSync(dirname(path), { recursive: true });
    if (!existsSync(path)) closeSync(openSync(path, "a", 0o600));
    chmodSync(path, 0o600);
  }
  const db = new Database(path, { timeout: 5000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("secure_delete = ON");
  if (options.migrate !== false) {
    try {
      migrate(db);
    } catch (error) {
      // The failed migration was rolled back; closing leaves the file as the old program left it.
      db.close();
      throw error;
    }
    scrubOnce(db);
  }
  return db;
}

/** Vacuums a database once (remembered in `settings`), clearing deleted rows left before. */
function scrubOnce(db: Database.Database): void {
  const done = db.prepare("SELECT 1 FROM settings WHERE key = 'secure_delete_vacuum'").get();
  if (done) return;
  db.exec("VACUUM");
  db.prepare(
    "INSERT INTO settings (key, value) VALUES ('secure_delete_vacuum', ?) ON CONFLICT DO NOTHING",
  ).run(new Date().toISOString());
}
