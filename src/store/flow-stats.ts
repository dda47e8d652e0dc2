import type { Database } from "better-sqlite3";

/** Pamekasan (WIB, UTC+7) day number of a time: the counters' granularity. */
export function wibDay(ms: number): number {
  return Math.floor((ms + 7 * 3_600_000) / 86_400_000);
}

/** What happened at one question of a flow during one message. */
export interface NodeCount {
  flow: string;
  node: string;
  /** The question was asked (not a repeat of the same question). */
  reached?: boolean;
  /** The person moved on from the question (before it went stale). */
  answered?: boolean;
  /** The flow was entered at this question. */
  entry?: boolean;
}

/** Totals for one question over a period. */
export interface NodeTotals {
  flow: string;
  node: string;
  reached: number;
  answered: number;
  entries: number;
}

/**
 * The `flow_stats` table: anonymous per-day counters of questions asked and answered, updated
 * in the transaction of the message that caused them (one upsert per question touched).
 */
export class FlowStats {
  private readonly bumpStmt;
  private readonly totalsStmt;

  constructor(db: Database) {
    this.bumpStmt = db.prepare<[number, string, string, number, number, number]>(
      `INSERT INTO flow_stats (day, flow, node, reached, answered, entries) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (day, flow, node) DO UPDATE SET reached = reached + excluded.reached,
         answered = answered + excluded.answered, entries = entries + excluded.entries`,
    );
    this.totalsStmt = db.prepare<[number, number], NodeTotals>(
      `SELECT flow, node, sum(reached) AS reached, sum(answered) AS answered, sum(entries) AS entries
       FROM flow_stats WHERE day >= ? AND day < ? GROUP BY flow, node ORDER BY flow, node`,
    );
  }

  /** Adds one message's counts. */
  record(counts: readonly NodeCount[], now: number): void {
    const day = wibDay(now);
    for (const c of counts) {
      this.bumpStmt.run(
        day,
        c.flow,
        c.node,
        c.reached ? 1 : 0,
        c.answered ? 1 : 0,
        c.entry ? 1 : 0,
      );
    }
  }

  /** Totals per question for times in [since, until). */
  totals(since: number, until: number): NodeTotals[] {
    return this.totalsStmt.all(wibDay(since), wibDay(until) + 1);
  }
}
