import type { Database } from "better-sqlite3";
import type { Lang } from "../engine/types.ts";

/** A person as one channel knows them. */
export interface User {
  id: number;
  channel: string;
  address: string;
  lang: Lang | null;
  firstSeen: number;
  lastSeen: number;
  reachable: boolean;
}

interface Row {
  id: number;
  channel: string;
  address: string;
  lang: Lang | null;
  first_seen: number;
  last_seen: number;
  reachable: number;
}

const toUser = (r: Row): User => ({
  id: r.id,
  channel: r.channel,
  address: r.address,
  lang: r.lang,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  reachable: r.reachable === 1,
});

/** The `users` table. */
export class Users {
  private readonly upsertStmt;
  private readonly byIdStmt;
  private readonly byAddressStmt;
  private readonly langStmt;
  private readonly reachableStmt;

  constructor(db: Database) {
    this.upsertStmt = db.prepare<[string, string, number, number], Row>(
      `INSERT INTO users (channel, address, first_seen, last_seen) VALUES (?, ?, ?, ?)
       ON CONFLICT (channel, address) DO UPDATE SET last_seen = excluded.last_seen, reachable = 1
       RETURNING *`,
    );
    this.byIdStmt = db.prepare<[number], Row>("SELECT * FROM users WHERE id = ?");
    this.byAddressStmt = db.prepare<[string, string], Row>(
      "SELECT * FROM users WHERE channel = ? AND address = ?",
    );
    this.langStmt = db.prepare<[Lang, number]>("UPDATE users SET lang = ? WHERE id = ?");
    this.reachableStmt = db.prepare<[number, string, string]>(
      "UPDATE users SET reachable = ? WHERE channel = ? AND address = ?",
    );
  }

  /** Finds or creates the user, marking them seen (and reachable: they just wrote). */
  touch(channel: string, address: string, now: number): User {
    return toUser(this.upsertStmt.get(channel, address, now, now) as Row);
  }

  /** A user by id. */
  get(id: number): User | undefined {
    const row = this.byIdStmt.get(id);
    return row ? toUser(row) : undefined;
  }

  /** A user by channel address. */
  find(channel: string, address: string): User | undefined {
    const row = this.byAddressStmt.get(channel, address);
    return row ? toUser(row) : undefined;
  }

  /** Remembers the user's language. */
  setLang(id: number, lang: Lang): void {
    this.langStmt.run(lang, id);
  }

  /** Marks whether messages can reach the user (false after they blocked the bot). */
  setReachable(channel: string, address: string, reachable: boolean): void {
    this.reachableStmt.run(reachable ? 1 : 0, channel, address);
  }
}
