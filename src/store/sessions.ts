import type { Database } from "better-sqlite3";
import type { SessionState } from "../engine/types.ts";

interface Row {
  state: string;
}

/** The `sessions` table: one engine state per user. */
export class Sessions {
  private readonly loadStmt;
  private readonly saveStmt;

  constructor(db: Database) {
    this.loadStmt = db.prepare<[number], Row>("SELECT state FROM sessions WHERE user_id = ?");
    this.saveStmt = db.prepare<
      [number, string, string | null, string | null, string, number | null, number]
    >(
      `INSERT INTO sessions (user_id, state, flow, node, mode, idle_deadline, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, flow = excluded.flow,
         node = excluded.node, mode = excluded.mode, idle_deadline = excluded.idle_deadline,
         updated_at = excluded.updated_at`,
    );
  }

  /** The user's session, or null if they have none (or it cannot be read any more). */
  load(userId: number): SessionState | null {
    const row = this.loadStmt.get(userId);
    if (!row) return null;
    try {
      const state = JSON.parse(row.state) as SessionState;
      return state.v === 1 ? state : null;
    } catch {
      return null;
    }
  }

  /** Stores the session; `idleMs` sets the deadline after which it restarts at the menu. */
  save(userId: number, state: SessionState, idleMs: number): void {
    const prompt = state.prompt;
    const waiting = prompt?.kind === "node" ? prompt : undefined;
    this.saveStmt.run(
      userId,
      JSON.stringify(state),
      waiting?.flow ?? null,
      waiting?.node ?? null,
      state.mode,
      prompt ? state.lastActive + idleMs : null,
      state.lastActive,
    );
  }
}
