import type { Database } from "better-sqlite3";
import type { Vars } from "../engine/types.ts";

/** What an erasure removed, for the caller to finish (files live outside the database). */
export interface Erasure {
  /** Stored media files to delete from disk. */
  files: string[];
  /** Cases that were kept without the reporter's identity. */
  cases: number;
}

function isMediaList(value: unknown): boolean {
  return (
    Array.isArray(value) && value.some((v) => typeof v === "object" && v !== null && "kind" in v)
  );
}

/**
 * Erases a user: their sessions, conversation log, pending messages and media go; their cases
 * stay for staff, but without who reported them, without answers marked personal, without media
 * and without the text of the user's own messages in the case history.
 */
export function eraseUser(db: Database, userId: number, now: number): Erasure {
  const caseRows = db
    .prepare<[number], { id: number; answers: string; personal: string }>(
      "SELECT id, answers, personal FROM cases WHERE user_id = ?",
    )
    .all(userId);
  const files = db
    .prepare<[number, number], { path: string }>(
      `SELECT path FROM attachments WHERE path IS NOT NULL
         AND (user_id = ? OR case_id IN (SELECT id FROM cases WHERE user_id = ?))`,
    )
    .all(userId, userId)
    .map((r) => r.path);
  db.prepare(
    "DELETE FROM attachments WHERE user_id = ? OR case_id IN (SELECT id FROM cases WHERE user_id = ?)",
  ).run(userId, userId);
  const updateCase = db.prepare<[string, number, number]>(
    `UPDATE cases SET user_id = NULL, reporter_address = NULL, answers = ?, personal = '[]', updated_at = ?
     WHERE id = ?`,
  );
  const scrubEvents = db.prepare<[number]>(
    "UPDATE case_events SET data = NULL WHERE case_id = ? AND actor = 'user'",
  );
  const event = db.prepare<[number, number]>(
    "INSERT INTO case_events (case_id, at, actor, type) VALUES (?, ?, 'user', 'reporter_erased')",
  );
  for (const row of caseRows) {
    const answers = JSON.parse(row.answers) as Vars;
    const personal = new Set(JSON.parse(row.personal) as string[]);
    const kept: Vars = {};
    for (const [name, value] of Object.entries(answers)) {
      if (!personal.has(name) && !isMediaList(value)) kept[name] = value;
    }
    updateCase.run(JSON.stringify(kept), now, row.id);
    scrubEvents.run(row.id);
    event.run(row.id, now);
  }
  db.prepare("DELETE FROM users WHERE id = ?").run(userId);
  return { files, cases: caseRows.length };
}
