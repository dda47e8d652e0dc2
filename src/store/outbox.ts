import type { Database } from "better-sqlite3";
import type { OutMessage } from "../engine/types.ts";

/** A message waiting to be (or already) delivered. */
export interface OutboxItem {
  id: number;
  userId: number | null;
  channel: string;
  address: string;
  message: OutMessage;
  caseId: number | null;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number;
  /** Deleted once delivered (a message to a user who erased their data). */
  transient: boolean;
}

/** What to put in the outbox. */
export interface NewOutboxItem {
  userId: number | null;
  channel: string;
  address: string;
  message: OutMessage;
  caseId?: number | null;
  /** Delete the row once delivered (used for messages to users who erased their data). */
  transient?: boolean;
}

interface Row {
  id: number;
  user_id: number | null;
  channel: string;
  address: string;
  payload: string;
  case_id: number | null;
  attempts: number;
  created_at: number;
  next_attempt_at: number;
  transient: number;
}

const toItem = (r: Row): OutboxItem => ({
  id: r.id,
  userId: r.user_id,
  channel: r.channel,
  address: r.address,
  message: JSON.parse(r.payload) as OutMessage,
  caseId: r.case_id,
  attempts: r.attempts,
  createdAt: r.created_at,
  nextAttemptAt: r.next_attempt_at,
  transient: r.transient === 1,
});

/** How many undelivered messages to one address one look at the outbox reads at most. */
export const DUE_LIMIT = 500;

/**
 * The `outbox` table. Replies are written here in the same transaction as the state change
 * that caused them, then delivered by the channels; a crash in between only delays them.
 * Messages to one address leave strictly in order.
 */
export class Outbox {
  private readonly addStmt;
  private readonly headsStmt;
  private readonly queuedToStmt;
  private readonly getStmt;
  private readonly sentStmt;
  private readonly dropStmt;
  private readonly retryStmt;
  private readonly failStmt;
  private readonly failAddressStmt;
  private readonly pendingStmt;
  private readonly nextDueStmt;
  private readonly byChannelMessageStmt;

  constructor(db: Database) {
    this.addStmt = db.prepare<
      [number | null, string, string, string, number | null, number, number, number]
    >(
      `INSERT INTO outbox (user_id, channel, address, payload, case_id, created_at, next_attempt_at, transient)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Both use the partial index outbox_queue (channel, address, id). SQLite takes a bare
    // column from the row min() picked: each address's oldest undelivered message.
    this.headsStmt = db.prepare<[string, number], { address: string }>(
      `SELECT address, min(id), next_attempt_at FROM outbox
       WHERE channel = ? AND sent_at IS NULL AND failed_at IS NULL
       GROUP BY address HAVING next_attempt_at <= ?`,
    );
    this.queuedToStmt = db.prepare<[string, string, number], Row>(
      `SELECT * FROM outbox
       WHERE channel = ? AND address = ? AND sent_at IS NULL AND failed_at IS NULL
       ORDER BY id LIMIT ?`,
    );
    this.getStmt = db.prepare<[number], Row>("SELECT * FROM outbox WHERE id = ?");
    this.sentStmt = db.prepare<[number, string | null, number]>(
      "UPDATE outbox SET sent_at = ?, channel_message_id = ?, error = NULL WHERE id = ?",
    );
    this.byChannelMessageStmt = db.prepare<[string, string, string], Row>(
      "SELECT * FROM outbox WHERE channel = ? AND address = ? AND channel_message_id = ?",
    );
    this.dropStmt = db.prepare<[number]>("DELETE FROM outbox WHERE id = ? AND transient = 1");
    this.retryStmt = db.prepare<[number, string, number]>(
      "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, error = ? WHERE id = ?",
    );
    this.failStmt = db.prepare<[number, string, number]>(
      "UPDATE outbox SET attempts = attempts + 1, failed_at = ?, error = ? WHERE id = ?",
    );
    this.failAddressStmt = db.prepare<[number, string, string, string]>(
      `UPDATE outbox SET failed_at = ?, error = ?
       WHERE channel = ? AND address = ? AND sent_at IS NULL AND failed_at IS NULL`,
    );
    this.pendingStmt = db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM outbox WHERE channel = ? AND sent_at IS NULL AND failed_at IS NULL",
    );
    this.nextDueStmt = db.prepare<[string], { at: number | null }>(
      "SELECT min(next_attempt_at) AS at FROM outbox WHERE channel = ? AND sent_at IS NULL AND failed_at IS NULL",
    );
  }

  /** Queues a message; returns its id (also its `ref`). */
  add(item: NewOutboxItem, now: number): number {
    const result = this.addStmt.run(
      item.userId,
      item.channel,
      item.address,
      JSON.stringify(item.message),
      item.caseId ?? null,
      now,
      now,
      item.transient ? 1 : 0,
    );
    return Number(result.lastInsertRowid);
  }

  /** A queued message by id. */
  get(id: number): OutboxItem | undefined {
    const row = this.getStmt.get(id);
    return row ? toItem(row) : undefined;
  }

  /**
   * The addresses on a channel whose oldest undelivered message is due: the ones a sender
   * should start on now. An address waiting for a retry is left out, whatever follows it.
   */
  dueAddresses(channel: string, now: number): string[] {
    return this.headsStmt.all(channel, now).map((r) => r.address);
  }

  /**
   * What may be sent now to one address, in order: its undelivered messages up to the first
   * that is not due yet (a later message never overtakes it), at most `limit`.
   */
  dueTo(channel: string, address: string, now: number, limit = DUE_LIMIT): OutboxItem[] {
    const run: OutboxItem[] = [];
    for (const row of this.queuedToStmt.all(channel, address, limit)) {
      if (row.next_attempt_at > now) break;
      run.push(toItem(row));
    }
    return run;
  }

  /**
   * Marks a message delivered (a transient one is deleted instead), remembering the channel's id
   * for it so a reply to it can be traced back.
   */
  markSent(
    item: Pick<OutboxItem, "id" | "transient">,
    now: number,
    channelMessageId?: string,
  ): void {
    if (item.transient) this.dropStmt.run(item.id);
    else this.sentStmt.run(now, channelMessageId ?? null, item.id);
  }

  /** The message a channel knows by its own id (e.g. the Telegram message a staff member replied to). */
  byChannelMessage(
    channel: string,
    address: string,
    channelMessageId: string,
  ): OutboxItem | undefined {
    const row = this.byChannelMessageStmt.get(channel, address, channelMessageId);
    return row ? toItem(row) : undefined;
  }

  /** Schedules another attempt. */
  markRetry(id: number, nextAttemptAt: number, error: string): void {
    this.retryStmt.run(nextAttemptAt, error.slice(0, 200), id);
  }

  /** Gives up on one message. */
  markFailed(id: number, now: number, error: string): void {
    this.failStmt.run(now, error.slice(0, 200), id);
  }

  /** Gives up on every pending message to an address (e.g. the user blocked the bot). */
  failAddress(channel: string, address: string, now: number, error: string): number {
    return this.failAddressStmt.run(now, error.slice(0, 200), channel, address).changes;
  }

  /** Undelivered messages on a channel. */
  pending(channel: string): number {
    return (this.pendingStmt.get(channel) as { n: number }).n;
  }

  /** When the next undelivered message on a channel is due, if any. */
  nextDue(channel: string): number | undefined {
    return (this.nextDueStmt.get(channel) as { at: number | null }).at ?? undefined;
  }
}
