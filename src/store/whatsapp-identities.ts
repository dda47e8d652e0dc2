import type { Database } from "better-sqlite3";
import { mergeUsers } from "./user-merge.ts";

/** One WhatsApp person as the bot knows them. */
export interface WhatsAppIdentity {
  id: number;
  /** The stable address the bot uses for this person (`wa:<id>`), whatever JID they write from. */
  address: string;
  /** Their LID (`…@lid`), once known. */
  lid: string | null;
  /** Their phone-number JID (`…@s.whatsapp.net`), once known; WhatsApp may never tell us. */
  pn: string | null;
  /** The JID they last wrote from: replies go there. */
  replyJid: string;
  pushName: string | null;
  firstSeen: number;
  lastSeen: number;
}

/** What one inbound message tells about its sender (JIDs already normalised). */
export interface SeenSender {
  lid?: string | undefined;
  pn?: string | undefined;
  /** The JID the message came from. */
  replyJid: string;
  pushName?: string | undefined;
}

/** A LID ⇄ phone-number pair learned from WhatsApp. */
export interface JidPair {
  lid: string;
  pn: string;
}

interface Row {
  id: number;
  lid: string | null;
  pn: string | null;
  reply_jid: string;
  push_name: string | null;
  first_seen: number;
  last_seen: number;
}

const PREFIX = "wa:";

/** The address of an identity id. */
export function whatsappAddress(id: number): string {
  return `${PREFIX}${id}`;
}

function idOf(address: string): number | undefined {
  const match = /^wa:(\d+)$/.exec(address);
  return match ? Number(match[1]) : undefined;
}

const toIdentity = (r: Row): WhatsAppIdentity => ({
  id: r.id,
  address: whatsappAddress(r.id),
  lid: r.lid,
  pn: r.pn,
  replyJid: r.reply_jid,
  pushName: r.push_name,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
});

/**
 * The `wa_identities` table. WhatsApp addresses one person by a phone-number JID or by a LID,
 * and tells us only sometimes that the two belong together; this table keeps one stable
 * address per person and merges two rows (and their users) as soon as a pair links them.
 */
export class WhatsAppIdentities {
  private readonly byIdStmt;
  private readonly byLidStmt;
  private readonly byPnStmt;
  private readonly insertStmt;
  private readonly seenStmt;
  private readonly setLidStmt;
  private readonly setPnStmt;
  private readonly deleteStmt;
  private readonly resolveTx;
  private readonly learnTx;

  constructor(
    private readonly db: Database,
    /** The channel name the users table knows these people under. */
    private readonly channel: string,
  ) {
    this.byIdStmt = db.prepare<[number], Row>("SELECT * FROM wa_identities WHERE id = ?");
    this.byLidStmt = db.prepare<[string], Row>("SELECT * FROM wa_identities WHERE lid = ?");
    this.byPnStmt = db.prepare<[string], Row>("SELECT * FROM wa_identities WHERE pn = ?");
    this.insertStmt = db.prepare<
      [string | null, string | null, string, string | null, number, number],
      Row
    >(
      `INSERT INTO wa_identities (lid, pn, reply_jid, push_name, first_seen, last_seen)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.seenStmt = db.prepare<[string, string | null, number, number]>(
      `UPDATE wa_identities SET reply_jid = ?, push_name = coalesce(?, push_name), last_seen = ?
       WHERE id = ?`,
    );
    this.setLidStmt = db.prepare<[string | null, number]>(
      "UPDATE wa_identities SET lid = ? WHERE id = ?",
    );
    this.setPnStmt = db.prepare<[string | null, number]>(
      "UPDATE wa_identities SET pn = ? WHERE id = ?",
    );
    this.deleteStmt = db.prepare<[number]>("DELETE FROM wa_identities WHERE id = ?");
    this.resolveTx = db.transaction((seen: SeenSender, now: number) => this.resolveIn(seen, now));
    this.learnTx = db.transaction((pairs: JidPair[]) => {
      let merged = 0;
      for (const pair of pairs) if (this.link(pair.lid, pair.pn)) merged++;
      return merged;
    });
  }

  /**
   * Finds (or creates) the person who sent a message, records the JID they wrote from, and
   * fills in whichever of LID and phone number was missing. If the message proves that two
   * known identities are one person, they are merged first.
   */
  resolve(seen: SeenSender, now: number): WhatsAppIdentity {
    return this.resolveTx.immediate(seen, now);
  }

  /**
   * Learns LID ⇄ phone-number pairs (from mapping events, history sync, contacts). Only people
   * already known are touched. Returns how many merges it made.
   */
  learn(pairs: readonly JidPair[]): number {
    if (pairs.length === 0) return 0;
    return this.learnTx.immediate([...pairs]);
  }

  /** The identity behind an address. */
  find(address: string): WhatsAppIdentity | undefined {
    const id = idOf(address);
    const row = id === undefined ? undefined : this.byIdStmt.get(id);
    return row ? toIdentity(row) : undefined;
  }

  /** The identity with a LID or phone-number JID. */
  findByJid(jid: string): WhatsAppIdentity | undefined {
    const row = this.byLidStmt.get(jid) ?? this.byPnStmt.get(jid);
    return row ? toIdentity(row) : undefined;
  }

  /** Forgets a person (they erased their data). */
  forget(address: string): void {
    const id = idOf(address);
    if (id !== undefined) this.deleteStmt.run(id);
  }

  private resolveIn(seen: SeenSender, now: number): WhatsAppIdentity {
    const byLid = seen.lid ? this.byLidStmt.get(seen.lid) : undefined;
    const byPn = seen.pn ? this.byPnStmt.get(seen.pn) : undefined;
    let row = byLid ?? byPn;
    if (seen.lid && seen.pn) {
      this.link(seen.lid, seen.pn);
      row = this.byLidStmt.get(seen.lid) ?? this.byPnStmt.get(seen.pn);
    }
    if (!row) {
      return toIdentity(
        this.insertStmt.get(
          seen.lid ?? null,
          seen.pn ?? null,
          seen.replyJid,
          seen.pushName ?? null,
          now,
          now,
        ) as Row,
      );
    }
    this.seenStmt.run(seen.replyJid, seen.pushName ?? null, now, row.id);
    return toIdentity(this.byIdStmt.get(row.id) as Row);
  }

  /** Records that `lid` and `pn` are one person; returns true if two identities were merged. */
  private link(lid: string, pn: string): boolean {
    const a = this.byLidStmt.get(lid);
    const b = this.byPnStmt.get(pn);
    if (a && b) {
      if (a.id === b.id) return false;
      this.merge(a.id < b.id ? a : b, a.id < b.id ? b : a);
      return true;
    }
    if (a) {
      // A LID belongs to one account for good; the number attached to it may change.
      if (a.pn !== pn) this.setPnStmt.run(pn, a.id);
    } else if (b) {
      // The number now belongs to this LID: if it had another one, the number was recycled.
      if (b.lid === null) this.setLidStmt.run(lid, b.id);
      else this.setPnStmt.run(null, b.id);
    }
    return false;
  }

  /** Folds identity `drop` into the older `keep`, users included. */
  private merge(keep: Row, drop: Row): void {
    const recent = drop.last_seen > keep.last_seen ? drop : keep;
    this.deleteStmt.run(drop.id);
    this.db
      .prepare<[string | null, string | null, string, string | null, number, number, number]>(
        `UPDATE wa_identities SET lid = ?, pn = ?, reply_jid = ?, push_name = ?,
           first_seen = min(first_seen, ?), last_seen = max(last_seen, ?) WHERE id = ?`,
      )
      .run(
        keep.lid ?? drop.lid,
        keep.pn ?? drop.pn,
        recent.reply_jid,
        recent.push_name ?? keep.push_name ?? drop.push_name,
        drop.first_seen,
        drop.last_seen,
        keep.id,
      );
    const keepAddress = whatsappAddress(keep.id);
    const dropAddress = whatsappAddress(drop.id);
    this.db
      .prepare<[string, string]>("UPDATE wa_sent SET address = ? WHERE address = ?")
      .run(keepAddress, dropAddress);
    mergeUsers(this.db, this.channel, keepAddress, dropAddress);
  }
}
