/**
 * The case work staff commands share: finding the case a command names, changing its status,
 * passing a staff message to the reporter, and posting to the staff chats. Everything a staff
 * member does here is a case event and an audit entry.
 */
import { applyCaseUpdate } from "../engine/case-update.ts";
import type { CaseStatus, CaseUpdate, MediaRef, OutMessage } from "../engine/types.ts";
import type { EffectInterpreter } from "../runtime/effects.ts";
import type { CaseRecord } from "../store/cases.ts";
import type { Store } from "../store/store.ts";
import { cardActions } from "./commands/actions.ts";
import type { StaffDirectory } from "./directory.ts";
import type { StaffText } from "./render.ts";

/** Channels with new messages after a desk action (the caller flushes them). */
export type Touched = Set<string>;

/** A staff member acting, and where the answers and new messages go. */
export interface Acting {
  /** `channel:id`, as the staff chats know them. */
  readonly actor: string;
  /** Their display name, for notices to other staff. */
  readonly who: string;
  readonly now: number;
  readonly touched: Touched;
  /** Answers the staff member where they asked (their staff chat, or the console page). */
  reply(text: string): void;
  /** Where notices to the staff chats also go: the console page, which is no staff chat. */
  readonly echo?: ((text: string) => void) | undefined;
}

/** What a status change may carry besides the status. */
export interface StatusExtra {
  assignee?: string;
  office?: string;
  /** A closing word from staff for the reporter. */
  note?: string | undefined;
}

const CLOSED: readonly string[] = ["resolved", "closed"];

/** Case work for staff commands and replies; see the module comment. */
export class CaseWork {
  constructor(
    private readonly options: {
      store: Store;
      text: StaffText;
      directory: StaffDirectory;
      effects: EffectInterpreter;
    },
  ) {}

  /**
   * The case a command names, or undefined after telling staff what is wrong: no reference
   * (`needs_ref`) or no such case (`unknown_case`).
   */
  caseOf(act: Acting, command: string, ref: string | undefined): CaseRecord | undefined {
    const { store, text } = this.options;
    if (!ref) {
      act.reply(text.text("staff.needs_ref", { command }));
      return undefined;
    }
    const record = store.cases.byRef(ref);
    if (!record) act.reply(text.text("staff.unknown_case", { ref }));
    return record;
  }

  /** Changes a case's status, tells the reporter and every staff chat. */
  setStatus(
    act: Acting,
    record: CaseRecord,
    status: CaseStatus,
    extra: StatusExtra,
    notice: string,
  ): void {
    const { store } = this.options;
    const { actor, now } = act;
    const closing = CLOSED.includes(status);
    store.cases.change(
      record.id,
      {
        status,
        ...(extra.assignee ? { assignee: extra.assignee } : {}),
        ...(extra.office ? { office: extra.office } : {}),
        resolvedAt: closing ? (record.resolvedAt ?? now) : null,
      },
      now,
    );
    store.cases.event(record.id, now, actor, "status", {
      status,
      ...(extra.office ? { office: extra.office } : {}),
      ...(extra.note ? { text: extra.note } : {}),
    });
    store.audit.record(now, actor, "case.status", record.ref, { status });
    const update: CaseUpdate = {
      type: "status",
      ref: record.ref,
      status,
      ...(extra.office ? { office: extra.office } : {}),
      ...(extra.note ? { note: extra.note } : {}),
    };
    this.toReporter(record, update, now, act.touched);
    this.toStaffChats(record, { text: notice }, now, false, act.touched);
    act.echo?.(notice);
  }

  /** Passes a staff message to the reporter, in their chat and language. */
  relay(
    act: Acting,
    record: CaseRecord,
    message: { text?: string | undefined; media?: MediaRef | undefined },
  ): void {
    const { store, text: t } = this.options;
    const { actor, now } = act;
    if (!message.text && !message.media) {
      act.reply(t.text("staff.needs_text", { command: "balas" }));
      return;
    }
    if (record.userId === null) {
      store.cases.event(record.id, now, actor, "reply_undeliverable");
      act.reply(t.text("staff.reporter_erased", { ref: record.ref }));
      return;
    }
    const update: CaseUpdate = {
      type: "reply",
      ref: record.ref,
      ...(message.text ? { text: message.text } : {}),
      ...(message.media ? { media: message.media } : {}),
    };
    this.toReporter(record, update, now, act.touched);
    store.cases.event(
      record.id,
      now,
      actor,
      "staff_reply",
      message.text ? { text: message.text } : { media: message.media?.kind },
    );
    store.audit.record(now, actor, "case.reply", record.ref);
    const change = {
      firstResponseAt: record.firstResponseAt ?? now,
      ...(record.status === "new" ? { status: "claimed", assignee: actor } : {}),
    };
    store.cases.change(record.id, change, now);
    act.reply(t.text("staff.relayed", { ref: record.ref }));
  }

  /** Applies a case update to the reporter's session and queues what they are told. */
  private toReporter(record: CaseRecord, update: CaseUpdate, now: number, touched: Touched): void {
    const { store, effects } = this.options;
    if (record.userId === null) return;
    const user = store.users.get(record.userId);
    const state = store.sessions.load(record.userId);
    if (!user || !state) return;
    const result = applyCaseUpdate(effects.deps(now), state, update);
    const applied = effects.apply(user, result, now, { replyKind: "staff", caseId: record.id });
    for (const channel of applied.channels) touched.add(channel);
  }

  /**
   * Posts a message about a case to every staff chat; `withActions` gives it the card's actions
   * (take, close), which each channel shows its own way.
   */
  toStaffChats(
    record: CaseRecord,
    message: OutMessage,
    now: number,
    withActions: boolean,
    touched?: Touched,
  ): void {
    const actions = withActions ? { actions: cardActions(this.options.text, record.ref) } : {};
    for (const chat of this.options.directory.chats)
      this.toChat(chat.channel, chat.address, { ...message, ...actions }, now, touched, record.id);
  }

  /** Queues a message for one chat. */
  toChat(
    channel: string,
    address: string,
    message: OutMessage,
    now: number,
    touched: Touched | undefined,
    caseId: number | null,
  ): void {
    this.options.store.outbox.add({ userId: null, channel, address, message, caseId }, now);
    touched?.add(channel);
  }
}
