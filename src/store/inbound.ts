import type { Database } from "better-sqlite3";

/** The `inbound` table: ids of channel messages already handled. */
export class Inbound {
  private readonly claimStmt;

  constructor(db: Database) {
    this.claimStmt = db.prepare<[string, string, number]>(
      "INSERT INTO inbound (channel, message_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
    );
  }

  /** Records a message id; false when it was seen before (a duplicate delivery). */
  claim(channel: string, messageId: string, now: number): boolean {
    return this.claimStmt.run(channel, messageId, now).changes === 1;
  }
}
