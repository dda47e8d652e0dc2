import type { Database } from "better-sqlite3";

interface UserRow {
  id: number;
  lang: string | null;
  first_seen: number;
  last_seen: number;
  reachable: number;
}

/**
 * Makes two addresses of one channel one user: everything of `drop` (conversation log, cases,
 * attachments, queued messages) moves to `keep`, the more recently used session survives, and
 * `drop`'s user row goes. Used when a channel learns that two addresses are the same person
 * (WhatsApp: a phone-number JID and a LID). Call inside a transaction.
 */
export function mergeUsers(db: Database, channel: string, keep: string, drop: string): void {
  if (keep === drop) return;
  const find = db.prepare<[string, string], UserRow>(
    "SELECT id, lang, first_seen, last_seen, reachable FROM users WHERE channel = ? AND address = ?",
  );
  const k = find.get(channel, keep);
  const d = find.get(channel, drop);
  db.prepare<[string, string, string]>(
    "UPDATE outbox SET address = ? WHERE channel = ? AND address = ?",
  ).run(keep, channel, drop);
  if (!d) return;
  if (!k) {
    db.prepare<[string, number]>("UPDATE users SET address = ? WHERE id = ?").run(keep, d.id);
    db.prepare<[string, number]>("UPDATE cases SET reporter_address = ? WHERE user_id = ?").run(
      keep,
      d.id,
    );
    return;
  }
  db.prepare<[number, number]>("UPDATE messages SET user_id = ? WHERE user_id = ?").run(k.id, d.id);
  db.prepare<[number, string, number]>(
    "UPDATE cases SET user_id = ?, reporter_address = ? WHERE user_id = ?",
  ).run(k.id, keep, d.id);
  db.prepare<[number, number]>("UPDATE attachments SET user_id = ? WHERE user_id = ?").run(
    k.id,
    d.id,
  );
  db.prepare<[number, number]>("UPDATE outbox SET user_id = ? WHERE user_id = ?").run(k.id, d.id);
  // The source that brought the person first stays theirs (one link per user; the other goes
  // with `drop`'s row).
  db.prepare<[number, number]>(
    "UPDATE OR IGNORE user_sources SET user_id = ? WHERE user_id = ?",
  ).run(k.id, d.id);
  const updated = db
    .prepare<[number], number>("SELECT updated_at FROM sessions WHERE user_id = ?")
    .pluck();
  const kAt = updated.get(k.id);
  const dAt = updated.get(d.id);
  const deleteSession = db.prepare<[number]>("DELETE FROM sessions WHERE user_id = ?");
  if (dAt !== undefined && (kAt === undefined || dAt > kAt)) {
    // The person is in the middle of the conversation they had under the other address.
    deleteSession.run(k.id);
    db.prepare<[number, number]>("UPDATE sessions SET user_id = ? WHERE user_id = ?").run(
      k.id,
      d.id,
    );
  } else {
    deleteSession.run(d.id);
  }
  db.prepare<[string | null, number, number, number, number]>(
    `UPDATE users SET lang = coalesce(lang, ?), first_seen = min(first_seen, ?),
       last_seen = max(last_seen, ?), reachable = max(reachable, ?) WHERE id = ?`,
  ).run(d.lang, d.first_seen, d.last_seen, d.reachable, k.id);
  db.prepare<[number]>("DELETE FROM users WHERE id = ?").run(d.id);
}
