import type { Database } from "better-sqlite3";

/** Longest text kept in the conversation log. */
const MAX_LOGGED = 4000;

/** One line of a conversation. */
export interface LoggedMessage {
  id: number;
  direction: "in" | "out";
  kind: string;
  text: string | null;
  createdAt: number;
}

/** The `messages` table: the conversation log staff may read for a case. */
export class Messages {
  private readonly addStmt;
  private readonly listStmt;

  constructor(db: Database) {
    this.addStmt = db.prepare<[number, string, string, string | null, number]>(
      "INSERT INTO messages (user_id, direction, kind, text, created_at) VALUES (?, ?, ?, ?, ?)",
    );
    this.listStmt = db.prepare<
      [number, number],
      { id: number; direction: "in" | "out"; kind: string; text: string | null; created_at: number }
    >(
      "SELECT id, direction, kind, text, created_at FROM messages WHERE user_id = ? ORDER BY id DESC LIMIT ?",
    );
  }

  /** Appends a message to the user's log. */
  add(
    userId: number,
    direction: "in" | "out",
    kind: string,
    text: string | null,
    now: number,
  ): void {
    this.addStmt.run(
      userId,
      direction,
      kind,
      text === null ? null : text.slice(0, MAX_LOGGED),
      now,
    );
  }

  /** The user's latest messages, oldest first. */
  recent(userId: number, limit = 100): LoggedMessage[] {
    return this.listStmt
      .all(userId, limit)
      .reverse()
      .map((r) => ({
        id: r.id,
        direction: r.direction,
        kind: r.kind,
        text: r.text,
        createdAt: r.created_at,
      }));
  }
}
