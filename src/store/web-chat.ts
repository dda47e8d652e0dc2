import type { Database } from "better-sqlite3";
import type { OutMessage } from "../engine/types.ts";

/** The web chat channel's name (its users' `channel`). */
export const WEB_CHAT_CHANNEL = "web";

/** One line of a web chat transcript. */
export interface WebChatEntry {
  id: number;
  direction: "in" | "out";
  /** What the person typed or tapped (in), or the bot's message (out). */
  message: OutMessage;
  createdAt: number;
}

/**
 * The `web_chat` table: what a browser shows of its conversation — the bot's messages as
 * delivered, and what the person sent. The web chat channel reads and writes it through
 * this repository only. Erased with the user and purged with the conversation log.
 */
export class WebChatData {
  private readonly addStmt;
  private readonly afterStmt;
  private readonly latestStmt;
  private readonly forgetStmt;
  private readonly oldestStmt;

  constructor(db: Database) {
    this.addStmt = db.prepare<[string, string, string, number]>(
      "INSERT INTO web_chat (address, direction, payload, created_at) VALUES (?, ?, ?, ?)",
    );
    this.afterStmt = db.prepare<
      [string, number, number],
      { id: number; direction: "in" | "out"; payload: string; created_at: number }
    >(
      `SELECT id, direction, payload, created_at FROM web_chat
       WHERE address = ? AND id > ? ORDER BY id LIMIT ?`,
    );
    this.latestStmt = db.prepare<
      [string, number],
      { id: number; direction: "in" | "out"; payload: string; created_at: number }
    >(
      `SELECT id, direction, payload, created_at FROM web_chat
       WHERE address = ? ORDER BY id DESC LIMIT ?`,
    );
    this.forgetStmt = db.prepare<[string]>("DELETE FROM web_chat WHERE address = ?");
    this.oldestStmt = db.prepare<[string], { id: number | null }>(
      "SELECT MIN(id) AS id FROM web_chat WHERE address = ?",
    );
  }

  /** Appends to a browser's transcript; returns the entry's id. */
  add(address: string, direction: "in" | "out", message: OutMessage, now: number): number {
    return Number(
      this.addStmt.run(address, direction, JSON.stringify(message), now).lastInsertRowid,
    );
  }

  /** Entries after `afterId`, oldest first. */
  after(address: string, afterId: number, limit = 100): WebChatEntry[] {
    return this.afterStmt.all(address, afterId, limit).map(toEntry);
  }

  /** The latest entries, oldest first. */
  latest(address: string, limit = 100): WebChatEntry[] {
    return this.latestStmt.all(address, limit).reverse().map(toEntry);
  }

  /** The id of the oldest entry kept for the address, if any. */
  oldest(address: string): number | undefined {
    return this.oldestStmt.get(address)?.id ?? undefined;
  }

  /** Deletes a browser's transcript (the user erased their data). */
  forget(address: string): void {
    this.forgetStmt.run(address);
  }
}

function toEntry(r: {
  id: number;
  direction: "in" | "out";
  payload: string;
  created_at: number;
}): WebChatEntry {
  return {
    id: r.id,
    direction: r.direction,
    message: JSON.parse(r.payload) as OutMessage,
    createdAt: r.created_at,
  };
}
