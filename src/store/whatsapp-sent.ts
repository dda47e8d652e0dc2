import type { Database } from "better-sqlite3";

/** A message the bot sent on WhatsApp, as stored. */
export interface WhatsAppSentMessage {
  messageId: string;
  address: string;
  jid: string;
  /** The outbox id it delivered (the message's `ref`), if it came from the outbox. */
  ref: number | null;
  /** The serialised message content (the channel owns the format). */
  message: string;
  createdAt: number;
}

interface Row {
  message_id: string;
  address: string;
  jid: string;
  ref: number | null;
  message: string;
  created_at: number;
}

/**
 * The `wa_sent` table: what the bot sent, so WhatsApp can ask for a message again when a
 * recipient's phone could not decrypt it, and so a staff reply quoting a bot message can be
 * traced back to its outbox ref.
 */
export class WhatsAppSent {
  private readonly addStmt;
  private readonly getStmt;
  private readonly pruneStmt;
  private readonly forgetStmt;

  constructor(db: Database) {
    this.addStmt = db.prepare<[string, string, string, number | null, string, number]>(
      `INSERT INTO wa_sent (message_id, address, jid, ref, message, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (message_id) DO UPDATE SET message = excluded.message`,
    );
    this.getStmt = db.prepare<[string], Row>("SELECT * FROM wa_sent WHERE message_id = ?");
    this.pruneStmt = db.prepare<[number]>("DELETE FROM wa_sent WHERE created_at < ?");
    this.forgetStmt = db.prepare<[string]>("DELETE FROM wa_sent WHERE address = ?");
  }

  /** Records a sent message. */
  add(sent: Omit<WhatsAppSentMessage, "createdAt">, now: number): void {
    this.addStmt.run(sent.messageId, sent.address, sent.jid, sent.ref, sent.message, now);
  }

  /** A sent message by its WhatsApp id. */
  get(messageId: string): WhatsAppSentMessage | undefined {
    const r = this.getStmt.get(messageId);
    return r
      ? {
          messageId: r.message_id,
          address: r.address,
          jid: r.jid,
          ref: r.ref,
          message: r.message,
          createdAt: r.created_at,
        }
      : undefined;
  }

  /** Deletes messages sent before `before`; returns how many. */
  prune(before: number): number {
    return this.pruneStmt.run(before).changes;
  }

  /** Deletes everything sent to an address (the person erased their data). */
  forget(address: string): void {
    this.forgetStmt.run(address);
  }
}
