import type { Database } from "better-sqlite3";

/** One audited action. */
export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  target: string | null;
  data: Record<string, unknown> | null;
}

/** The `audit` table: who did what, when. Never holds message text. */
export class Audit {
  private readonly addStmt;
  private readonly listStmt;
  private readonly updateStmt;

  constructor(db: Database) {
    this.addStmt = db.prepare<[number, string, string, string | null, string | null]>(
      "INSERT INTO audit (at, actor, action, target, data) VALUES (?, ?, ?, ?, ?)",
    );
    this.listStmt = db.prepare<
      [number],
      { at: number; actor: string; action: string; target: string | null; data: string | null }
    >("SELECT at, actor, action, target, data FROM audit ORDER BY id DESC LIMIT ?");
    this.updateStmt = db.prepare<[string, number]>("UPDATE audit SET data = ? WHERE id = ?");
  }

  /** Records an action; returns the entry's id. */
  record(
    now: number,
    actor: string,
    action: string,
    target?: string,
    data?: Record<string, unknown>,
  ): number {
    return Number(
      this.addStmt.run(now, actor, action, target ?? null, data ? JSON.stringify(data) : null)
        .lastInsertRowid,
    );
  }

  /** Replaces an entry's data (a running count of refusals summed up in one entry). */
  update(id: number, data: Record<string, unknown>): void {
    this.updateStmt.run(JSON.stringify(data), id);
  }

  /** The latest entries, newest first. */
  latest(limit = 100): AuditEntry[] {
    return this.listStmt.all(limit).map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null,
    }));
  }
}
