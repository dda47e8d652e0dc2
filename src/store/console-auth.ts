import type { Database } from "better-sqlite3";

/** A signed-in staff member of the web console. */
export interface ConsoleSession {
  actor: string;
  name: string;
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

/** Who a sign-in link was made for. */
export interface ConsoleLinkOwner {
  actor: string;
  name: string;
}

/**
 * The `console_links` and `console_sessions` tables. Tokens and session ids are stored only as
 * hashes (the caller hashes them), so a copy of the database signs nobody in.
 */
export class ConsoleAuth {
  private readonly addLinkStmt;
  private readonly peekLinkStmt;
  private readonly useLinkStmt;
  private readonly addSessionStmt;
  private readonly sessionStmt;
  private readonly endSessionStmt;
  private readonly purgeLinksStmt;
  private readonly purgeSessionsStmt;

  constructor(db: Database) {
    this.addLinkStmt = db.prepare<[string, string, string, number, number]>(
      `INSERT INTO console_links (token_hash, actor, name, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.peekLinkStmt = db.prepare<[string, number], ConsoleLinkOwner>(
      `SELECT actor, name FROM console_links
       WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`,
    );
    // One statement, so two clicks racing each other cannot both succeed.
    this.useLinkStmt = db.prepare<[number, string, number], ConsoleLinkOwner>(
      `UPDATE console_links SET used_at = ?
       WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
       RETURNING actor, name`,
    );
    this.addSessionStmt = db.prepare<[string, string, string, string, number, number]>(
      `INSERT INTO console_sessions (id_hash, actor, name, csrf, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.sessionStmt = db.prepare<
      [string, number],
      { actor: string; name: string; csrf: string; created_at: number; expires_at: number }
    >(
      `SELECT actor, name, csrf, created_at, expires_at FROM console_sessions
       WHERE id_hash = ? AND expires_at > ?`,
    );
    this.endSessionStmt = db.prepare<[string]>("DELETE FROM console_sessions WHERE id_hash = ?");
    this.purgeLinksStmt = db.prepare<[number]>("DELETE FROM console_links WHERE expires_at <= ?");
    this.purgeSessionsStmt = db.prepare<[number]>(
      "DELETE FROM console_sessions WHERE expires_at <= ?",
    );
  }

  /** Stores a new sign-in link (by its token's hash); expired links are removed first. */
  addLink(tokenHash: string, owner: ConsoleLinkOwner, now: number, expiresAt: number): void {
    this.purgeLinksStmt.run(now);
    this.addLinkStmt.run(tokenHash, owner.actor, owner.name, now, expiresAt);
  }

  /** Who a link is for, if it is still unused and unexpired (without using it). */
  peekLink(tokenHash: string, now: number): ConsoleLinkOwner | undefined {
    return this.peekLinkStmt.get(tokenHash, now);
  }

  /** Uses a link: returns its owner once; undefined when unknown, used or expired. */
  useLink(tokenHash: string, now: number): ConsoleLinkOwner | undefined {
    return this.useLinkStmt.get(now, tokenHash, now);
  }

  /** Starts a session (by its id's hash). */
  addSession(idHash: string, session: ConsoleSession): void {
    this.purgeSessionsStmt.run(session.createdAt);
    this.addSessionStmt.run(
      idHash,
      session.actor,
      session.name,
      session.csrf,
      session.createdAt,
      session.expiresAt,
    );
  }

  /** A live session, or undefined when unknown or expired. */
  session(idHash: string, now: number): ConsoleSession | undefined {
    const row = this.sessionStmt.get(idHash, now);
    return row
      ? {
          actor: row.actor,
          name: row.name,
          csrf: row.csrf,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        }
      : undefined;
  }

  /** Ends a session (signing out, or staff no longer on the list). */
  endSession(idHash: string): void {
    this.endSessionStmt.run(idHash);
  }
}
