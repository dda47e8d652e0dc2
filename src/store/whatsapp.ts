import type { Database } from "better-sqlite3";
import { WhatsAppAuth } from "./whatsapp-auth.ts";
import { WhatsAppIdentities } from "./whatsapp-identities.ts";
import { WhatsAppSent } from "./whatsapp-sent.ts";

/** The channel name WhatsApp users are stored under. */
export const WHATSAPP_CHANNEL = "whatsapp";

/**
 * Everything the WhatsApp channel keeps in the database: the device's auth state, who is who,
 * and what was sent. The channel reaches it only through this object (no SQL outside store/).
 */
export class WhatsAppData {
  readonly auth: WhatsAppAuth;
  readonly identities: WhatsAppIdentities;
  readonly sent: WhatsAppSent;
  private readonly handledStmt;

  constructor(db: Database) {
    this.auth = new WhatsAppAuth(db);
    this.identities = new WhatsAppIdentities(db, WHATSAPP_CHANNEL);
    this.sent = new WhatsAppSent(db);
    this.handledStmt = db
      .prepare<[string, string], number>(
        "SELECT 1 AS one FROM inbound WHERE channel = ? AND message_id = ?",
      )
      .pluck();
  }

  /** True when the runtime already handled this WhatsApp message id. */
  handled(messageId: string): boolean {
    return this.handledStmt.get(WHATSAPP_CHANNEL, messageId) !== undefined;
  }

  /** Forgets a person who erased their data: their identity and what was sent to them. */
  forget(address: string): void {
    this.sent.forget(address);
    this.identities.forget(address);
  }
}
