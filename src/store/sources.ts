import type { Database } from "better-sqlite3";
import type { Lang } from "../engine/types.ts";

/** What kind of outreach a source is. */
export const SOURCE_KINDS = ["event", "poster", "school", "village", "radio", "other"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Type guard for {@link SourceKind}. */
export function isSourceKind(value: unknown): value is SourceKind {
  return (SOURCE_KINDS as readonly unknown[]).includes(value);
}

/** The general source the `share` flow hands out (created by the migration). */
export const GENERAL_SOURCE_CODE = "UMUM";

/** One outreach: an event, a poster, a village group … with its entry code. */
export interface Source {
  id: number;
  /** Short code in the case-reference alphabet, e.g. `K7Q3`. */
  code: string;
  name: string;
  kind: SourceKind;
  /** Desa or kecamatan, free text ("" when not given). */
  place: string;
  /** The day it happens (`YYYY-MM-DD`), if it is one day. */
  heldOn: string | null;
  /** The language people who come through it start in. */
  lang: Lang;
  createdAt: number;
  /** Who made it (`telegram:123`, `local:Rina`, `system`). */
  createdBy: string;
}

/** What a new source is made of. */
export type NewSource = Omit<Source, "id" | "createdAt">;

/**
 * Which source brought a user, while the user exists: the week they came (the week their
 * counts are kept under), the language last counted for them and the flows already counted.
 */
export interface SourceLink {
  sourceId: number;
  /** WIB day number of the Monday of the week they first came. */
  week: number;
  lang: Lang;
  reached: string[];
}

/** One anonymous counter: a metric of a source in a week. */
export interface SourceCount {
  sourceId: number;
  week: number;
  metric: string;
  n: number;
}

interface SourceRow {
  id: number;
  code: string;
  name: string;
  kind: SourceKind;
  place: string;
  held_on: string | null;
  lang: Lang;
  created_at: number;
  created_by: string;
}

const toSource = (r: SourceRow): Source => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  place: r.place,
  heldOn: r.held_on,
  lang: r.lang,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/**
 * The `sources`, `user_sources` and `source_counts` tables. A user's link to a source goes
 * with the user (erasure deletes the user row, and the link with it); the counters never name
 * anyone, so they stay.
 */
export class Sources {
  private readonly insertStmt;
  private readonly byCodeStmt;
  private readonly byIdStmt;
  private readonly allStmt;
  private readonly linkOfStmt;
  private readonly linkStmt;
  private readonly updateLinkStmt;
  private readonly bumpStmt;
  private readonly countsStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare<
      [string, string, string, string, string | null, string, number, string],
      SourceRow
    >(
      `INSERT INTO sources (code, name, kind, place, held_on, lang, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.byCodeStmt = db.prepare<[string], SourceRow>("SELECT * FROM sources WHERE code = ?");
    this.byIdStmt = db.prepare<[number], SourceRow>("SELECT * FROM sources WHERE id = ?");
    this.allStmt = db.prepare<[], SourceRow>("SELECT * FROM sources ORDER BY created_at DESC, id");
    this.linkOfStmt = db.prepare<
      [number],
      { source_id: number; week: number; lang: Lang; reached: string }
    >("SELECT source_id, week, lang, reached FROM user_sources WHERE user_id = ?");
    this.linkStmt = db.prepare<[number, number, number, string]>(
      "INSERT OR IGNORE INTO user_sources (user_id, source_id, week, lang) VALUES (?, ?, ?, ?)",
    );
    this.updateLinkStmt = db.prepare<[string, string, number]>(
      "UPDATE user_sources SET lang = ?, reached = ? WHERE user_id = ?",
    );
    this.bumpStmt = db.prepare<[{ source: number; week: number; metric: string; delta: number }]>(
      `INSERT INTO source_counts (source_id, week, metric, n)
       VALUES (@source, @week, @metric, max(0, @delta))
       ON CONFLICT (source_id, week, metric) DO UPDATE SET n = max(0, n + @delta)`,
    );
    this.countsStmt = db.prepare<[number], SourceCount>(
      `SELECT source_id AS sourceId, week, metric, n FROM source_counts
       WHERE week >= ? ORDER BY source_id, week, metric`,
    );
  }

  /** Stores a new source; the code must be free (see {@link Sources.byCode}). */
  create(source: NewSource, now: number): Source {
    const row = this.insertStmt.get(
      source.code,
      source.name,
      source.kind,
      source.place,
      source.heldOn,
      source.lang,
      now,
      source.createdBy,
    ) as SourceRow;
    return toSource(row);
  }

  /** A source by its code (exactly as stored: upper case). */
  byCode(code: string): Source | undefined {
    const row = this.byCodeStmt.get(code);
    return row ? toSource(row) : undefined;
  }

  /** A source by id. */
  get(id: number): Source | undefined {
    const row = this.byIdStmt.get(id);
    return row ? toSource(row) : undefined;
  }

  /** Every source, newest first. */
  all(): Source[] {
    return this.allStmt.all().map(toSource);
  }

  /** The source that brought this user, if any. */
  linkOf(userId: number): SourceLink | undefined {
    const row = this.linkOfStmt.get(userId);
    if (!row) return undefined;
    const reached: unknown = JSON.parse(row.reached);
    return {
      sourceId: row.source_id,
      week: row.week,
      lang: row.lang,
      reached: Array.isArray(reached) ? reached.filter((f) => typeof f === "string") : [],
    };
  }

  /** Records the source that brought a user (once: a user keeps their first source). */
  link(userId: number, link: Omit<SourceLink, "reached">): boolean {
    return this.linkStmt.run(userId, link.sourceId, link.week, link.lang).changes === 1;
  }

  /** Remembers what was counted for a linked user. */
  updateLink(userId: number, link: Pick<SourceLink, "lang" | "reached">): void {
    this.updateLinkStmt.run(link.lang, JSON.stringify(link.reached), userId);
  }

  /** Adds `delta` to a counter (never below zero). */
  bump(sourceId: number, week: number, metric: string, delta = 1): void {
    this.bumpStmt.run({ source: sourceId, week, metric, delta });
  }

  /** Every counter of weeks from `sinceWeek` on. */
  counts(sinceWeek = 0): SourceCount[] {
    return this.countsStmt.all(sinceWeek);
  }
}
