import type { Database } from "better-sqlite3";

/** One Signal key change: a serialised value, or null to delete the key. */
export interface AuthKeyChange {
  type: string;
  id: string;
  value: string | null;
}

/**
 * The `wa_auth_creds` and `wa_auth_keys` tables: the linked WhatsApp device's credentials and
 * every Signal key type, as serialised text (the channel owns the format). These are long-lived
 * private keys: whoever reads them can act as the bot's WhatsApp number.
 */
export class WhatsAppAuth {
  private readonly credsStmt;
  private readonly saveCredsStmt;
  private readonly keyStmt;
  private readonly putKeyStmt;
  private readonly deleteKeyStmt;
  private readonly clearCredsStmt;
  private readonly clearKeysStmt;
  private readonly countStmt;
  private readonly writeKeysTx;
  private readonly clearTx;

  constructor(db: Database) {
    this.credsStmt = db.prepare<[], string>("SELECT creds FROM wa_auth_creds WHERE id = 1").pluck();
    this.saveCredsStmt = db.prepare<[string, number]>(
      `INSERT INTO wa_auth_creds (id, creds, updated_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET creds = excluded.creds, updated_at = excluded.updated_at`,
    );
    this.keyStmt = db
      .prepare<[string, string], string>("SELECT value FROM wa_auth_keys WHERE type = ? AND id = ?")
      .pluck();
    this.putKeyStmt = db.prepare<[string, string, string]>(
      `INSERT INTO wa_auth_keys (type, id, value) VALUES (?, ?, ?)
       ON CONFLICT (type, id) DO UPDATE SET value = excluded.value`,
    );
    this.deleteKeyStmt = db.prepare<[string, string]>(
      "DELETE FROM wa_auth_keys WHERE type = ? AND id = ?",
    );
    this.clearCredsStmt = db.prepare("DELETE FROM wa_auth_creds");
    this.clearKeysStmt = db.prepare("DELETE FROM wa_auth_keys");
    this.countStmt = db.prepare<[], number>("SELECT count(*) AS n FROM wa_auth_keys").pluck();
    this.writeKeysTx = db.transaction((changes: AuthKeyChange[]) => {
      for (const c of changes) {
        if (c.value === null) this.deleteKeyStmt.run(c.type, c.id);
        else this.putKeyStmt.run(c.type, c.id, c.value);
      }
    });
    this.clearTx = db.transaction(() => {
      this.clearCredsStmt.run();
      this.clearKeysStmt.run();
    });
  }

  /** The stored credentials, or undefined before the first pairing. */
  readCreds(): string | undefined {
    return this.credsStmt.get();
  }

  /** Replaces the stored credentials. */
  writeCreds(creds: string, now = Date.now()): void {
    this.saveCredsStmt.run(creds, now);
  }

  /** The stored values of some keys of one type; missing keys are absent from the map. */
  readKeys(type: string, ids: readonly string[]): Map<string, string> {
    const found = new Map<string, string>();
    for (const id of ids) {
      const value = this.keyStmt.get(type, id);
      if (value !== undefined) found.set(id, value);
    }
    return found;
  }

  /** Applies key changes in one transaction: all of them are stored, or none. */
  writeKeys(changes: readonly AuthKeyChange[]): void {
    if (changes.length === 0) return;
    // Inside an outer transaction this becomes a savepoint, still all-or-nothing.
    this.writeKeysTx([...changes]);
  }

  /** Forgets the device: credentials and every key (after WhatsApp logged the bot out). */
  clear(): void {
    this.clearTx();
  }

  /** How many keys are stored (for tests and diagnostics). */
  keyCount(): number {
    return this.countStmt.get() ?? 0;
  }
}
