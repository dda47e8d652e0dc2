import type { Database } from "better-sqlite3";
import {
  CASE_STATUSES,
  type CaseDraft,
  type CaseStatus,
  type CaseSummary,
  type Lang,
  type MediaRef,
  type Vars,
} from "../engine/types.ts";

/** A case as stored. */
export interface CaseRecord {
  id: number;
  ref: string;
  kind: CaseDraft["kind"];
  category: string;
  priority: CaseDraft["priority"];
  status: string;
  userId: number | null;
  reporterChannel: string | null;
  reporterAddress: string | null;
  reporterLang: Lang | null;
  flow: string | null;
  answers: Vars;
  personal: string[];
  createdAt: number;
  updatedAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  assignee: string | null;
  /** The office the case was referred to. */
  office: string | null;
  remindedAt: number | null;
  reminders: number;
}

/** One entry of a case's history. */
export interface CaseEvent {
  at: number;
  actor: string;
  type: string;
  data: Record<string, unknown> | null;
}

/** A stored attachment. */
export interface Attachment {
  id: number;
  kind: MediaRef["kind"];
  mime: string | null;
  size: number | null;
  fileId: string | null;
  path: string | null;
  caption: string | null;
  createdAt: number;
}

/** Fields staff change on a case. */
export interface CaseChange {
  status?: string;
  assignee?: string | null;
  office?: string | null;
  firstResponseAt?: number;
  resolvedAt?: number | null;
}

/** Filters of the console's case list; every field optional. */
export interface CaseFilter {
  status?: string | undefined;
  priority?: string | undefined;
  category?: string | undefined;
  /** The `country` answer's code. */
  country?: string | undefined;
  /** The reporter's channel. */
  channel?: string | undefined;
  /** A reference or its beginning (`JR-7Q`). */
  ref?: string | undefined;
}

/** Who reported a case. */
export interface Reporter {
  userId: number;
  channel: string;
  address: string;
  lang: Lang;
}

interface Row {
  id: number;
  ref: string;
  kind: CaseDraft["kind"];
  category: string;
  priority: CaseDraft["priority"];
  status: string;
  user_id: number | null;
  reporter_channel: string | null;
  reporter_address: string | null;
  reporter_lang: Lang | null;
  flow: string | null;
  answers: string;
  personal: string;
  created_at: number;
  updated_at: number;
  first_response_at: number | null;
  resolved_at: number | null;
  assignee: string | null;
  office: string | null;
  reminded_at: number | null;
  reminders: number;
}

const toCase = (r: Row): CaseRecord => ({
  id: r.id,
  ref: r.ref,
  kind: r.kind,
  category: r.category,
  priority: r.priority,
  status: r.status,
  userId: r.user_id,
  reporterChannel: r.reporter_channel,
  reporterAddress: r.reporter_address,
  reporterLang: r.reporter_lang,
  flow: r.flow,
  answers: JSON.parse(r.answers) as Vars,
  personal: JSON.parse(r.personal) as string[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  firstResponseAt: r.first_response_at,
  resolvedAt: r.resolved_at,
  assignee: r.assignee,
  office: r.office,
  remindedAt: r.reminded_at,
  reminders: r.reminders,
});

interface AttachmentRow {
  id: number;
  case_id: number | null;
  kind: MediaRef["kind"];
  mime: string | null;
  size: number | null;
  file_id: string | null;
  path: string | null;
  caption: string | null;
  created_at: number;
}

const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id,
  kind: r.kind,
  mime: r.mime,
  size: r.size,
  fileId: r.file_id,
  path: r.path,
  caption: r.caption,
  createdAt: r.created_at,
});

/** Cases still needing staff, most urgent and oldest first. */
const OPEN_ORDER = `status NOT IN ('resolved', 'closed')
  ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, created_at, id`;

/** The `cases`, `case_events` and `attachments` tables (the minimal case store). */
export class Cases {
  private readonly addStmt;
  private readonly byRefStmt;
  private readonly byIdStmt;
  private readonly refExistsStmt;
  private readonly eventStmt;
  private readonly attachStmt;
  private readonly byUserStmt;
  private readonly adoptStmt;

  constructor(private readonly db: Database) {
    this.addStmt = db.prepare(
      `INSERT INTO cases (ref, kind, category, priority, user_id, reporter_channel, reporter_address,
         reporter_lang, flow, answers, personal, created_at, updated_at)
       VALUES (@ref, @kind, @category, @priority, @userId, @channel, @address, @lang, @flow, @answers,
         @personal, @now, @now)`,
    );
    this.byRefStmt = db.prepare<[string], Row>("SELECT * FROM cases WHERE ref = ?");
    this.byIdStmt = db.prepare<[number], Row>("SELECT * FROM cases WHERE id = ?");
    this.refExistsStmt = db.prepare<[string], { one: number }>(
      "SELECT 1 AS one FROM cases WHERE ref = ?",
    );
    this.eventStmt = db.prepare<[number, number, string, string, string | null]>(
      "INSERT INTO case_events (case_id, at, actor, type, data) VALUES (?, ?, ?, ?, ?)",
    );
    this.attachStmt = db.prepare<
      [
        number | null,
        number | null,
        string,
        string | null,
        number | null,
        string | null,
        string | null,
        string | null,
        number,
      ]
    >(
      `INSERT INTO attachments (case_id, user_id, kind, mime, size, file_id, path, caption, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byUserStmt = db.prepare<[number], Row>(
      "SELECT * FROM cases WHERE user_id = ? ORDER BY id DESC",
    );
    this.adoptStmt = db.prepare<[number, number, string]>(
      `UPDATE attachments SET case_id = ?
       WHERE id = (SELECT id FROM attachments WHERE case_id IS NULL AND user_id = ? AND path = ? LIMIT 1)`,
    );
  }

  /** True when a reference is taken. */
  refExists(ref: string): boolean {
    return this.refExistsStmt.get(ref) !== undefined;
  }

  /** Stores a new case and its first history event; returns its id. */
  open(draft: CaseDraft, reporter: Reporter, now: number): number {
    const result = this.addStmt.run({
      ref: draft.ref,
      kind: draft.kind,
      category: draft.category,
      priority: draft.priority,
      userId: reporter.userId,
      channel: reporter.channel,
      address: reporter.address,
      lang: reporter.lang,
      flow: draft.flow,
      answers: JSON.stringify(draft.answers),
      personal: JSON.stringify(draft.personal),
      now,
    });
    const id = Number(result.lastInsertRowid);
    this.event(id, now, "user", "opened", { kind: draft.kind, priority: draft.priority });
    return id;
  }

  /** Appends to a case's history. */
  event(
    caseId: number,
    now: number,
    actor: string,
    type: string,
    data?: Record<string, unknown>,
  ): void {
    this.eventStmt.run(caseId, now, actor, type, data ? JSON.stringify(data) : null);
  }

  /** A case by reference (case-insensitive). */
  byRef(ref: string): CaseRecord | undefined {
    const row = this.byRefStmt.get(ref.toUpperCase());
    return row ? toCase(row) : undefined;
  }

  /** A case by id. */
  get(id: number): CaseRecord | undefined {
    const row = this.byIdStmt.get(id);
    return row ? toCase(row) : undefined;
  }

  /** A user's cases, newest first. */
  ofUser(userId: number): CaseRecord[] {
    return this.byUserStmt.all(userId).map(toCase);
  }

  /** Open cases, most urgent and oldest first. */
  unresolved(limit = 50): CaseRecord[] {
    return this.db
      .prepare<[number], Row>(`SELECT * FROM cases WHERE ${OPEN_ORDER} LIMIT ?`)
      .all(limit)
      .map(toCase);
  }

  /** Cases created at or after `since` (ms), oldest first. */
  createdSince(since: number, until = Number.MAX_SAFE_INTEGER): CaseRecord[] {
    return this.db
      .prepare<[number, number], Row>(
        "SELECT * FROM cases WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id",
      )
      .all(since, until)
      .map(toCase);
  }

  /** Applies a staff change. */
  change(id: number, change: CaseChange, now: number): void {
    const sets: string[] = ["updated_at = @now"];
    const params: Record<string, unknown> = { id, now };
    const column: Record<keyof CaseChange, string> = {
      status: "status",
      assignee: "assignee",
      office: "office",
      firstResponseAt: "first_response_at",
      resolvedAt: "resolved_at",
    };
    for (const [key, value] of Object.entries(change) as [keyof CaseChange, unknown][]) {
      if (value === undefined) continue;
      sets.push(`${column[key]} = @${key}`);
      params[key] = value;
    }
    this.db.prepare(`UPDATE cases SET ${sets.join(", ")} WHERE id = @id`).run(params);
  }

  /** A case's history, oldest first. */
  events(caseId: number): CaseEvent[] {
    return this.db
      .prepare<[number], { at: number; actor: string; type: string; data: string | null }>(
        "SELECT at, actor, type, data FROM case_events WHERE case_id = ? ORDER BY id",
      )
      .all(caseId)
      .map((r) => ({
        ...r,
        data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null,
      }));
  }

  /** A case's attachments. */
  attachments(caseId: number): Attachment[] {
    return this.db
      .prepare<[number], AttachmentRow>("SELECT * FROM attachments WHERE case_id = ? ORDER BY id")
      .all(caseId)
      .map(toAttachment);
  }

  /**
   * Unclaimed cases due for a reminder: urgent ones every `urgentMs`, others every `otherMs`
   * (at most `maxOther` times).
   */
  dueReminders(now: number, urgentMs: number, otherMs: number, maxOther: number): CaseRecord[] {
    return this.db
      .prepare<[number, number, number], Row>(
        `SELECT * FROM cases WHERE status = 'new' AND (
           (priority = 'urgent' AND coalesce(reminded_at, created_at) <= ?)
           OR (priority <> 'urgent' AND coalesce(reminded_at, created_at) <= ? AND reminders < ?))
         ORDER BY created_at, id`,
      )
      .all(now - urgentMs, now - otherMs, maxOther)
      .map(toCase);
  }

  /**
   * Cases matching a filter, open before closed, then most urgent and newest first. Returns up
   * to `limit` rows from `offset`.
   */
  search(filter: CaseFilter, limit: number, offset = 0): CaseRecord[] {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit, offset };
    const exact: [keyof CaseFilter, string][] = [
      ["status", "status"],
      ["priority", "priority"],
      ["category", "category"],
      ["channel", "reporter_channel"],
      ["country", "json_extract(answers, '$.country')"],
    ];
    for (const [key, column] of exact) {
      const value = filter[key];
      if (!value) continue;
      where.push(`${column} = @${key}`);
      params[key] = value;
    }
    if (filter.ref) {
      // A reference's own letters only, so LIKE's wildcards cannot come from the user.
      const letters = filter.ref.toUpperCase().replace(/[^A-Z0-9-]/g, "");
      where.push(letters ? "ref LIKE @ref" : "0");
      if (letters) params.ref = `${letters}%`;
    }
    return this.db
      .prepare<Record<string, string | number>, Row>(
        `SELECT * FROM cases ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY status IN ('resolved', 'closed'),
           CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, created_at DESC, id DESC
         LIMIT @limit OFFSET @offset`,
      )
      .all(params)
      .map(toCase);
  }

  /**
   * What waits for staff, for the console's title and alerts: new cases, open cases whose
   * last word is the reporter's (unanswered), the new urgent ones, and the newest case's id
   * (so a page can tell that a case arrived).
   */
  waiting(): { fresh: number; unanswered: number; urgent: string[]; newest: number } {
    const row = this.db
      .prepare<[], { fresh: number; newest: number | null }>(
        "SELECT count(*) FILTER (WHERE status = 'new') AS fresh, max(id) AS newest FROM cases",
      )
      .get();
    const unanswered = this.db
      .prepare<[], { n: number }>(
        `SELECT count(*) AS n FROM cases c
         WHERE c.status NOT IN ('resolved', 'closed')
           AND (SELECT e.actor FROM case_events e WHERE e.case_id = c.id
                AND e.type IN ('opened', 'user_message', 'staff_reply')
                ORDER BY e.id DESC LIMIT 1) = 'user'`,
      )
      .get();
    const urgent = this.db
      .prepare<[], { ref: string }>(
        "SELECT ref FROM cases WHERE status = 'new' AND priority = 'urgent' ORDER BY id DESC LIMIT 20",
      )
      .all()
      .map((r) => r.ref);
    return {
      fresh: row?.fresh ?? 0,
      unanswered: unanswered?.n ?? 0,
      urgent,
      newest: row?.newest ?? 0,
    };
  }

  /** The values present in the data for the list's filters (countries and channels). */
  facets(): { countries: string[]; channels: string[] } {
    const countries = this.db
      .prepare<[], { v: string }>(
        `SELECT DISTINCT json_extract(answers, '$.country') AS v FROM cases
         WHERE json_type(answers, '$.country') = 'text' ORDER BY v`,
      )
      .all()
      .map((r) => r.v);
    const channels = this.db
      .prepare<[], { v: string }>(
        "SELECT DISTINCT reporter_channel AS v FROM cases WHERE reporter_channel IS NOT NULL ORDER BY v",
      )
      .all()
      .map((r) => r.v);
    return { countries, channels };
  }

  /** One attachment by id, with the case it belongs to. */
  attachment(id: number): (Attachment & { caseId: number | null }) | undefined {
    const row = this.db
      .prepare<[number], AttachmentRow>("SELECT * FROM attachments WHERE id = ?")
      .get(id);
    return row ? { ...toAttachment(row), caseId: row.case_id } : undefined;
  }

  /** Records that a reminder went out. */
  reminded(id: number, now: number): void {
    this.db
      .prepare<[number, number]>(
        "UPDATE cases SET reminded_at = ?, reminders = reminders + 1 WHERE id = ?",
      )
      .run(now, id);
  }

  /** What a user may see of their own cases, newest first. */
  summaries(userId: number): CaseSummary[] {
    return this.ofUser(userId).map((c) => ({
      ref: c.ref,
      kind: c.kind,
      status: (CASE_STATUSES as readonly string[]).includes(c.status)
        ? (c.status as CaseStatus)
        : "new",
      createdAt: c.createdAt,
      office: c.office ?? undefined,
    }));
  }

  /**
   * Stores a piece of media for a case (or, with no case yet, for the user). A stored file
   * already recorded for the user without a case moves to the case instead of being listed twice.
   */
  attach(caseId: number | null, userId: number | null, media: MediaRef, now: number): void {
    if (caseId !== null && userId !== null && media.path) {
      if (this.adoptStmt.run(caseId, userId, media.path).changes > 0) return;
    }
    this.attachStmt.run(
      caseId,
      userId,
      media.kind,
      media.mime ?? null,
      media.size ?? null,
      media.fileId ?? null,
      media.path ?? null,
      media.caption ?? null,
      now,
    );
  }
}
