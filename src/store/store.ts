import type { Database } from "better-sqlite3";
import { Audit } from "./audit.ts";
import { Cases } from "./cases.ts";
import { ConsoleAuth } from "./console-auth.ts";
import { type Erasure, eraseUser } from "./erase.ts";
import { FlowStats } from "./flow-stats.ts";
import { Inbound } from "./inbound.ts";
import { Messages } from "./messages.ts";
import { Outbox } from "./outbox.ts";
import { type Purge, purgeOld } from "./retention.ts";
import { Sessions } from "./sessions.ts";
import { Settings } from "./settings.ts";
import { Sources } from "./sources.ts";
import { Users } from "./users.ts";
import { WEB_CHAT_CHANNEL, WebChatData } from "./web-chat.ts";
import { WHATSAPP_CHANNEL, WhatsAppData } from "./whatsapp.ts";

/**
 * All persistent state, one repository per table group. Only modules under `store/` write SQL;
 * everything else goes through this object.
 */
export class Store {
  readonly users: Users;
  readonly sessions: Sessions;
  readonly inbound: Inbound;
  readonly messages: Messages;
  readonly outbox: Outbox;
  readonly cases: Cases;
  readonly audit: Audit;
  readonly settings: Settings;
  readonly whatsapp: WhatsAppData;
  readonly consoleAuth: ConsoleAuth;
  readonly webChat: WebChatData;
  readonly flowStats: FlowStats;
  readonly sources: Sources;

  constructor(readonly db: Database) {
    this.users = new Users(db);
    this.sessions = new Sessions(db);
    this.inbound = new Inbound(db);
    this.messages = new Messages(db);
    this.outbox = new Outbox(db);
    this.cases = new Cases(db);
    this.audit = new Audit(db);
    this.settings = new Settings(db);
    this.whatsapp = new WhatsAppData(db);
    this.consoleAuth = new ConsoleAuth(db);
    this.webChat = new WebChatData(db);
    this.flowStats = new FlowStats(db);
    this.sources = new Sources(db);
  }

  /** Runs `fn` in one immediate transaction: all of it is stored, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Erases everything about a user (see {@link eraseUser}). */
  eraseUser(userId: number, now: number): Erasure {
    const user = this.users.get(userId);
    const wa =
      user?.channel === WHATSAPP_CHANNEL ? this.whatsapp.identities.find(user.address) : undefined;
    const identity = [wa?.pn, wa?.pushName].filter((v): v is string => Boolean(v));
    const erasure = eraseUser(this.db, userId, now, identity);
    // A channel's own records of the person go too (WhatsApp: their JIDs and what we sent).
    if (user?.channel === WHATSAPP_CHANNEL) this.whatsapp.forget(user.address);
    if (user?.channel === WEB_CHAT_CHANNEL) this.webChat.forget(user.address);
    return erasure;
  }

  /**
   * Makes deleted data unrecoverable from the files: deleted rows are zeroed as they go
   * (`secure_delete`), and this moves every change into the database file and empties the WAL,
   * whose older frames still hold what was there before. Run after an erasure.
   */
  scrubFiles(): void {
    this.db.pragma("wal_checkpoint(TRUNCATE)");
  }

  /** Deletes what is older than the retention period (see {@link purgeOld}). */
  purgeOld(now: number, days: number): Purge {
    return purgeOld(this.db, now, days);
  }

  /** SQLite's own consistency check; "ok" when healthy. */
  integrityCheck(): string {
    return this.db.pragma("integrity_check", { simple: true }) as string;
  }

  /** Closes the database (checkpointing the WAL). */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
