import type { Database } from "better-sqlite3";

/** The `settings` table: small values the app remembers (e.g. when the daily summary went out). */
export class Settings {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Database) {
    this.getStmt = db.prepare<[string], { value: string }>(
      "SELECT value FROM settings WHERE key = ?",
    );
    this.setStmt = db.prepare<[string, string]>(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
  }

  /** A stored value, if any. */
  get(key: string): string | undefined {
    return this.getStmt.get(key)?.value;
  }

  /** Stores a value. */
  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }

  /** The display name a staff member (`channel:id`) last acted under, if known. */
  staffName(actor: string): string | undefined {
    return this.get(`staff_name:${actor}`);
  }

  /** Remembers a staff member's display name, so history shows people, not ids. */
  rememberStaffName(actor: string, name: string): void {
    if (!name || this.staffName(actor) === name) return;
    this.set(`staff_name:${actor}`, name.slice(0, 80));
  }
}
