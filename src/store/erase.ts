import type { Database } from "better-sqlite3";
import type { Vars, VarValue } from "../engine/types.ts";
import { identityWords, scrubText } from "./scrub.ts";

/** What an erasure removed, for the caller to finish (files live outside the database). */
export interface Erasure {
  /** Stored media files to delete from disk. */
  files: string[];
  /** Cases that were kept without the reporter's identity. */
  cases: number;
}

/** The text in an answer's value. */
function strings(value: VarValue | undefined): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

function isMediaList(value: unknown): boolean {
  return (
    Array.isArray(value) && value.some((v) => typeof v === "object" && v !== null && "kind" in v)
  );
}

/**
 * Erases a user: their sessions, conversation log, pending messages and media go; their cases
 * stay for staff, but without who reported them, without answers marked personal, without media,
 * without the text of the user's own messages in the case history, and with phone numbers and
 * the personal answers' names taken out of the free-text answers that stay. Copies of the case
 * sent to staff chats lose their text once delivered (those still waiting are deleted once
 * delivered). `identity`: what else names the person (e.g. their WhatsApp number and name).
 */
export function eraseUser(
  db: Database,
  userId: number,
  now: number,
  identity: readonly string[] = [],
): Erasure {
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
  // Staff-chat copies (no user) of these cases: delivered ones keep only that they were sent;
  // undelivered ones still go to staff, then are deleted.
  const scrubSent = db.prepare<[number]>(
    `UPDATE outbox SET payload = '{"text":""}'
     WHERE case_id = ? AND user_id IS NULL AND sent_at IS NOT NULL`,
  );
  const dropWhenSent = db.prepare<[number]>(
    "UPDATE outbox SET transient = 1 WHERE case_id = ? AND user_id IS NULL AND sent_at IS NULL",
  );
  for (const row of caseRows) {
    const answers = JSON.parse(row.answers) as Vars;
    const personal = new Set(JSON.parse(row.personal) as string[]);
    const words = identityWords([
      ...identity,
      ...[...personal].flatMap((name) => strings(answers[name])),
    ]);
    const kept: Vars = {};
    for (const [name, value] of Object.entries(answers)) {
      if (personal.has(name) || isMediaList(value)) continue;
      kept[name] =
        typeof value === "string"
          ? scrubText(value, words)
          : Array.isArray(value)
            ? (value as string[]).map((v) => (typeof v === "string" ? scrubText(v, words) : v))
            : value;
    }
    updateCase.run(JSON.stringify(kept), now, row.id);
    scrubEvents.run(row.id);
    scrubSent.run(row.id);
    dropWhenSent.run(row.id);
    event.run(row.id, now);
  }
  db.prepare("DELETE FROM users WHERE id = ?").run(userId);
  return { files, cases: caseRows.length };
}
