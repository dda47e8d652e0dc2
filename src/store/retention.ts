import type { Database } from "better-sqlite3";

/** What a retention run removed. */
export interface Purge {
  /** Conversation-log lines deleted. */
  messages: number;
  /** Delivered outbox messages deleted. */
  outbox: number;
  /** Attachments of long-closed cases deleted. */
  attachments: number;
  /** Audit entries deleted (refused requests, and users' own actions). */
  audit: number;
  /** Media files the caller must delete from disk. */
  files: string[];
}

/** How long refused requests from people who were not signed in stay in the audit log. */
export const REFUSED_AUDIT_DAYS = 90;

/**
 * Deletes what the service no longer needs after `days`: the conversation log and delivered
 * messages older than that, and the media and message texts of cases closed longer ago than
 * that. Open cases keep everything. The audit log keeps staff and operator actions for good
 * (who did what to a case); users' own entries (a case opened, data erased) go after `days`,
 * refused requests of anyone not signed in after {@link REFUSED_AUDIT_DAYS}.
 */
export function purgeOld(db: Database, now: number, days: number): Purge {
  const cutoff = now - days * 86_400_000;
  const closed =
    "SELECT id FROM cases WHERE status IN ('resolved', 'closed') AND coalesce(resolved_at, updated_at) < @cutoff";
  const files = db
    .prepare<{ cutoff: number }, { path: string }>(
      `SELECT path FROM attachments WHERE path IS NOT NULL AND case_id IN (${closed})`,
    )
    .all({ cutoff })
    .map((r) => r.path);
  const attachments = db
    .prepare(`DELETE FROM attachments WHERE case_id IN (${closed})`)
    .run({ cutoff }).changes;
  db.prepare(
    `UPDATE case_events SET data = NULL
     WHERE data IS NOT NULL AND type IN ('user_message', 'staff_reply') AND case_id IN (${closed})`,
  ).run({ cutoff });
  const messages = db.prepare("DELETE FROM messages WHERE created_at < ?").run(cutoff).changes;
  // The web chat's transcripts are conversation logs too.
  db.prepare("DELETE FROM web_chat WHERE created_at < ?").run(cutoff);
  const outbox = db
    .prepare("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?")
    .run(cutoff).changes;
  // Media kept for users with no case (e.g. sent outside any report) also expires.
  const loose = db
    .prepare<[number], { path: string }>(
      "SELECT path FROM attachments WHERE case_id IS NULL AND path IS NOT NULL AND created_at < ?",
    )
    .all(cutoff)
    .map((r) => r.path);
  const looseCount = db
    .prepare("DELETE FROM attachments WHERE case_id IS NULL AND created_at < ?")
    .run(cutoff).changes;
  const audit =
    db
      .prepare("DELETE FROM audit WHERE actor = 'web' AND at < ?")
      .run(now - REFUSED_AUDIT_DAYS * 86_400_000).changes +
    db.prepare("DELETE FROM audit WHERE actor = 'user' AND at < ?").run(cutoff).changes;
  return {
    messages,
    outbox,
    attachments: attachments + looseCount,
    audit,
    files: [...files, ...loose],
  };
}
