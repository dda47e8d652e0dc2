/**
 * The staff desk: every new case goes to the staff chats at once; staff answer from there, by
 * replying to a card or with commands; the reporter hears back in their own chat and language;
 * unclaimed cases are announced again. Every staff action is a case event and an audit entry.
 */
import type { StaffInbound } from "../channels/channel.ts";
import { applyCaseUpdate } from "../engine/case-update.ts";
import type { EngineDeps } from "../engine/deps.ts";
import type { CaseStatus, CaseUpdate, MediaRef, OutMessage } from "../engine/types.ts";
import type { Logger } from "../log.ts";
import type { OutreachKit } from "../outreach/kit.ts";
import { sourceCommand } from "../outreach/staff-command.ts";
import type { CaseHooks, EngineBase } from "../runtime/runtime.ts";
import type { CaseRecord } from "../store/cases.ts";
import type { Store } from "../store/store.ts";
import { parseStaffCommand, STATUS_WORDS, type StaffCommand } from "./commands.ts";
import type { StaffDirectory } from "./directory.ts";
import { type StaffText, wibDate, wibHour } from "./render.ts";

/** When reminders and the daily summary go out. */
export interface ReminderPolicy {
  /** An unclaimed urgent case is announced again this often. */
  urgentMs: number;
  /** Other unclaimed cases are announced again this often… */
  otherMs: number;
  /** …at most this many times. */
  maxOther: number;
  /** The WIB hour (0–23) of the daily summary of open cases. */
  dailyHour: number;
}

/** A staff member acting: `channel:id` as the staff chats know them, and a display name. */
export interface StaffIdentity {
  actor: string;
  name: string;
}

/** Makes one-time sign-in links for the web console (see `src/console/auth.ts`). */
export interface ConsoleLinkIssuer {
  /** A link for this staff member, or undefined when the console cannot be reached from outside. */
  issue(owner: StaffIdentity, now: number): string | undefined;
}

/** What a staff action from outside the staff chats (the web console) caused. */
export interface ActResult {
  /** What the desk answered, as it would have in the staff chat. */
  replies: string[];
  /** Channels with new messages to deliver. */
  touched: Set<string>;
}

/** What the desk needs. */
export interface DeskOptions {
  store: Store;
  engine: EngineBase;
  directory: StaffDirectory;
  text: StaffText;
  clock: () => number;
  log: Logger;
  reminders: ReminderPolicy;
  /** Sign-in links for the web console (`/masuk`); without it `/masuk` says the console is off. */
  console?: ConsoleLinkIssuer;
  /** Outreach sources (`/sumber`); without it the command only shows the help. */
  outreach?: OutreachKit;
}

/** Channels with new messages after a desk action (the caller flushes them). */
export type Touched = Set<string>;

const CLOSED: readonly string[] = ["resolved", "closed"];

export class StaffDesk implements CaseHooks {
  /**
   * While a web console action runs: where the notices staff chats get go too (a chat member
   * sees the notice in the chat; the console user would otherwise see nothing).
   */
  private echo: ((text: string) => void) | undefined;

  constructor(private readonly options: DeskOptions) {}

  private get store(): Store {
    return this.options.store;
  }

  private get t(): StaffText {
    return this.options.text;
  }

  // ── Hooks called by the runtime, inside the user's transaction ────────────────────────

  opened(record: CaseRecord, now: number): string[] {
    const card: OutMessage = { text: this.t.card(record) };
    this.toStaffChats(record, card, now, true);
    for (const a of this.store.cases.attachments(record.id)) {
      const media: MediaRef = {
        kind: a.kind,
        ...(a.fileId ? { fileId: a.fileId } : {}),
        ...(a.path ? { path: a.path } : {}),
        ...(a.mime ? { mime: a.mime } : {}),
      };
      this.toStaffChats(
        record,
        { text: this.t.text("staff.media_caption", { ref: record.ref }), media },
        now,
        false,
      );
    }
    if (this.options.directory.chats.length === 0) {
      this.options.log.warn({ case: record.ref }, "case_without_staff_chat");
    }
    return this.options.directory.chats.map((c) => c.channel);
  }

  userMessage(
    record: CaseRecord,
    message: { text?: string; media?: MediaRef },
    now: number,
  ): string[] {
    const out: OutMessage = message.media
      ? {
          text: this.t.text("staff.user_media", {
            ref: record.ref,
            text: message.text ?? message.media.caption ?? "",
          }),
          media: message.media,
        }
      : { text: this.t.text("staff.user_message", { ref: record.ref, text: message.text ?? "" }) };
    this.toStaffChats(record, out, now, false);
    return this.options.directory.chats.map((c) => c.channel);
  }

  // ── Staff messages ────────────────────────────────────────────────────────────────────

  /** Handles a message from a staff chat; returns the channels with new messages to deliver. */
  handle(message: StaffInbound): Touched {
    const touched: Touched = new Set();
    this.store.transaction(() => this.handleIn(message, this.options.clock(), touched));
    return touched;
  }

  /**
   * A staff action from the web console: the same commands, authorization, audit and relaying
   * as in the staff chats, with the desk's answers returned instead of sent to a chat.
   */
  act(who: StaffIdentity, command: StaffCommand, media?: MediaRef): ActResult {
    const result: ActResult = { replies: [], touched: new Set() };
    const reply = (text: string) => {
      result.replies.push(text);
    };
    this.store.transaction(() => {
      const now = this.options.clock();
      if (!this.isStaff(who.actor)) {
        this.store.audit.record(now, who.actor, "staff.refused", command.ref, {
          command: command.name,
          via: "web",
        });
        this.options.log.warn({ command: command.name }, "staff_refused");
        reply(this.t.text("staff.not_staff"));
        return;
      }
      this.echo = reply;
      this.store.settings.rememberStaffName(who.actor, who.name);
      try {
        this.command(command, media, who.actor, who.name, now, result.touched, reply);
      } finally {
        this.echo = undefined;
      }
    });
    return result;
  }

  /** True when `channel:id` may act as staff now (the staff lists can change while signed in). */
  isStaff(actor: string): boolean {
    const at = actor.indexOf(":");
    if (at <= 0) return false;
    return this.options.directory.isStaff(actor.slice(0, at), actor.slice(at + 1));
  }

  private handleIn(message: StaffInbound, now: number, touched: Touched): void {
    const { directory, log } = this.options;
    // Channels may deliver a message twice (e.g. after a reconnect): act on it once.
    if (!this.store.inbound.claim(message.channel, `staff:${message.messageId}`, now)) return;
    if (!directory.isStaffChat(message.channel, message.chat)) {
      log.warn({ channel: message.channel }, "staff_message_outside_staff_chat");
      return;
    }
    const actor = `${message.channel}:${message.sender}`;
    const command = parseStaffCommand(message.text);
    const reply = (text: string) =>
      this.enqueue(message.channel, message.chat, { text }, now, touched, null);
    if (!directory.isStaff(message.channel, message.sender)) {
      // Only act on what was meant for the bot; ordinary group talk is not ours to answer.
      if (command || message.replyTo) {
        this.store.audit.record(now, actor, "staff.refused", command?.ref, {
          command: command?.name ?? "reply",
        });
        log.warn({ channel: message.channel, command: command?.name ?? "reply" }, "staff_refused");
        reply(this.t.text("staff.not_staff"));
      }
      return;
    }
    const who = message.senderName ?? message.sender;
    if (message.senderName) this.store.settings.rememberStaffName(actor, message.senderName);
    if (command) {
      this.command(command, message.media, actor, who, now, touched, reply);
      return;
    }
    if (message.replyTo) {
      const record = this.caseOfReply(message);
      if (!record) {
        reply(this.t.text("staff.hint_reply"));
        return;
      }
      this.relay(record, { text: message.text, media: message.media }, actor, now, touched, reply);
      return;
    }
    if (message.text && /\bJR-?[2-9A-Z]{4,6}\b/i.test(message.text))
      reply(this.t.text("staff.hint_reply"));
  }

  private caseOfReply(message: StaffInbound): CaseRecord | undefined {
    const to = message.replyTo;
    if (!to) return undefined;
    const item =
      "ref" in to
        ? this.store.outbox.get(to.ref)
        : this.store.outbox.byChannelMessage(message.channel, message.chat, to.channelMessageId);
    if (
      !item ||
      item.channel !== message.channel ||
      item.address !== message.chat ||
      item.caseId === null
    )
      return undefined;
    return this.store.cases.get(item.caseId);
  }

  private command(
    command: StaffCommand,
    media: MediaRef | undefined,
    actor: string,
    who: string,
    now: number,
    touched: Touched,
    reply: (text: string) => void,
  ): void {
    const { store, t } = this;
    if (command.name === "bantuan") {
      reply(t.text("staff.help"));
      return;
    }
    if (command.name === "masuk") {
      const url = this.options.console?.issue({ actor, name: who }, now);
      store.audit.record(now, actor, url ? "console.link" : "console.link_unavailable");
      reply(url ? t.text("staff.console_link", { who, url }) : t.text("staff.console_off"));
      return;
    }
    if (command.name === "sumber") {
      const kit = this.options.outreach;
      reply(
        kit
          ? sourceCommand(command.rest, { store, kit, text: t, actor, now })
          : t.text("sources.cmd_help"),
      );
      return;
    }
    if (command.name === "kasus" && !command.ref) {
      const open = store.cases.unresolved(30);
      store.audit.record(now, actor, "case.list");
      reply(
        open.length
          ? [
              t.text("staff.list_header", { n: open.length }),
              ...open.map((c) => t.listLine(c, now)),
            ].join("\n")
          : t.text("staff.list_empty"),
      );
      return;
    }
    if (!command.ref) {
      reply(t.text("staff.needs_ref", { command: command.name }));
      return;
    }
    const record = store.cases.byRef(command.ref);
    if (!record) {
      reply(t.text("staff.unknown_case", { ref: command.ref }));
      return;
    }
    switch (command.name) {
      case "kasus": {
        store.audit.record(now, actor, "case.view", record.ref);
        const history = store.cases
          .events(record.id)
          .slice(-15)
          .map((e) => t.historyLine(e, (a) => store.settings.staffName(a)));
        const status = t.text("staff.details_status", {
          status: t.text(`staff.status_${record.status}`),
          assignee: record.assignee ?? "-",
          office: record.office ?? "-",
        });
        reply([t.card(record), status, t.text("staff.details_history"), ...history].join("\n"));
        return;
      }
      case "ambil":
        this.setStatus(
          record,
          "claimed",
          { assignee: actor },
          actor,
          now,
          touched,
          t.text("staff.claimed", { ref: record.ref, who }),
        );
        return;
      case "balas":
        if (!command.rest && !media) {
          reply(t.text("staff.needs_text", { command: "balas" }));
          return;
        }
        this.relay(record, { text: command.rest || undefined, media }, actor, now, touched, reply);
        return;
      case "catatan":
        if (!command.rest) {
          reply(t.text("staff.needs_text", { command: "catatan" }));
          return;
        }
        store.cases.event(record.id, now, actor, "note", { text: command.rest });
        store.audit.record(now, actor, "case.note", record.ref);
        store.cases.change(record.id, {}, now);
        reply(t.text("staff.note_saved", { ref: record.ref }));
        return;
      case "status": {
        const [word = "", ...office] = command.rest.split(/\s+/);
        const status = STATUS_WORDS[word.toLowerCase()];
        if (!status) {
          reply(t.text("staff.unknown_status", { word }));
          return;
        }
        const officeName = office.join(" ").trim();
        if (status === "referred" && !officeName) {
          reply(t.text("staff.needs_office", { ref: record.ref }));
          return;
        }
        const notice = t.text("staff.status_changed", {
          ref: record.ref,
          status: t.text(`staff.status_${status}`),
          who,
          office: officeName,
        });
        this.setStatus(
          record,
          status,
          status === "referred" ? { office: officeName } : {},
          actor,
          now,
          touched,
          notice,
        );
        return;
      }
      case "tutup":
        this.setStatus(
          record,
          "closed",
          { note: command.rest || undefined },
          actor,
          now,
          touched,
          t.text("staff.closed", { ref: record.ref, who }),
        );
        return;
      case "buka":
        this.setStatus(
          record,
          record.assignee ? "claimed" : "new",
          {},
          actor,
          now,
          touched,
          t.text("staff.reopened", { ref: record.ref, who }),
        );
        return;
    }
  }

  /** Changes a case's status, tells the reporter and every staff chat. */
  private setStatus(
    record: CaseRecord,
    status: CaseStatus,
    extra: { assignee?: string; office?: string; note?: string | undefined },
    actor: string,
    now: number,
    touched: Touched,
    notice: string,
  ): void {
    const closing = CLOSED.includes(status);
    this.store.cases.change(
      record.id,
      {
        status,
        ...(extra.assignee ? { assignee: extra.assignee } : {}),
        ...(extra.office ? { office: extra.office } : {}),
        resolvedAt: closing ? (record.resolvedAt ?? now) : null,
      },
      now,
    );
    this.store.cases.event(record.id, now, actor, "status", {
      status,
      ...(extra.office ? { office: extra.office } : {}),
      ...(extra.note ? { text: extra.note } : {}),
    });
    this.store.audit.record(now, actor, "case.status", record.ref, { status });
    const update: CaseUpdate = {
      type: "status",
      ref: record.ref,
      status,
      ...(extra.office ? { office: extra.office } : {}),
      ...(extra.note ? { note: extra.note } : {}),
    };
    this.toReporter(record, update, now, touched);
    this.toStaffChats(record, { text: notice }, now, false, touched);
    this.echo?.(notice);
  }

  /** Passes a staff message to the reporter. */
  private relay(
    record: CaseRecord,
    message: { text?: string | undefined; media?: MediaRef | undefined },
    actor: string,
    now: number,
    touched: Touched,
    reply: (text: string) => void,
  ): void {
    if (!message.text && !message.media) {
      reply(this.t.text("staff.needs_text", { command: "balas" }));
      return;
    }
    if (record.userId === null) {
      this.store.cases.event(record.id, now, actor, "reply_undeliverable");
      reply(this.t.text("staff.reporter_erased", { ref: record.ref }));
      return;
    }
    const update: CaseUpdate = {
      type: "reply",
      ref: record.ref,
      ...(message.text ? { text: message.text } : {}),
      ...(message.media ? { media: message.media } : {}),
    };
    this.toReporter(record, update, now, touched);
    this.store.cases.event(
      record.id,
      now,
      actor,
      "staff_reply",
      message.text ? { text: message.text } : { media: message.media?.kind },
    );
    this.store.audit.record(now, actor, "case.reply", record.ref);
    const change = {
      firstResponseAt: record.firstResponseAt ?? now,
      ...(record.status === "new" ? { status: "claimed", assignee: actor } : {}),
    };
    this.store.cases.change(record.id, change, now);
    reply(this.t.text("staff.relayed", { ref: record.ref }));
  }

  /** Applies a case update to the reporter's session and queues what they are told. */
  private toReporter(record: CaseRecord, update: CaseUpdate, now: number, touched: Touched): void {
    if (record.userId === null) return;
    const user = this.store.users.get(record.userId);
    const state = this.store.sessions.load(record.userId);
    if (!user || !state) return;
    const deps: EngineDeps = {
      ...this.options.engine,
      now,
      newCaseRef: () => {
        throw new Error("staff updates open no cases");
      },
    };
    const result = applyCaseUpdate(deps, state, update);
    this.store.sessions.save(user.id, result.state, this.options.engine.settings.idleMs);
    for (const effect of result.effects) {
      if (effect.type !== "reply") continue;
      this.store.outbox.add(
        {
          userId: user.id,
          channel: user.channel,
          address: user.address,
          message: effect.message,
          caseId: record.id,
        },
        now,
      );
      this.store.messages.add(user.id, "out", "staff", effect.message.text, now);
      touched.add(user.channel);
    }
  }

  // ── Reminders ─────────────────────────────────────────────────────────────────────────

  /** Announces unclaimed cases again and sends the daily summary when due. */
  tick(): Touched {
    const touched: Touched = new Set();
    const now = this.options.clock();
    const { reminders } = this.options;
    this.store.transaction(() => {
      for (const record of this.store.cases.dueReminders(
        now,
        reminders.urgentMs,
        reminders.otherMs,
        reminders.maxOther,
      )) {
        const minutes = Math.floor((now - record.createdAt) / 60_000);
        this.toStaffChats(
          record,
          {
            text: `${this.t.text("staff.reminder", { ref: record.ref, minutes })}\n\n${this.t.card(record)}`,
          },
          now,
          true,
          touched,
        );
        this.store.cases.reminded(record.id, now);
        this.store.cases.event(record.id, now, "system", "reminder");
      }
      const today = wibDate(now);
      if (
        wibHour(now) >= reminders.dailyHour &&
        this.store.settings.get("daily_summary") !== today
      ) {
        this.store.settings.set("daily_summary", today);
        const open = this.store.cases.unresolved(30);
        const text = open.length
          ? [
              this.t.text("staff.daily_summary", { n: open.length, date: today }),
              ...open.map((c) => this.t.listLine(c, now)),
            ].join("\n")
          : this.t.text("staff.daily_summary_none", { date: today });
        for (const chat of this.options.directory.chats)
          this.enqueue(chat.channel, chat.address, { text }, now, touched, null);
      }
    });
    return touched;
  }

  /**
   * Tells every staff chat about a problem with the service itself (e.g. the media folder is
   * full); audited as `system.<what>`. Returns the channels with new messages.
   */
  alert(what: string, text: string): Touched {
    const touched: Touched = new Set();
    const now = this.options.clock();
    this.store.transaction(() => {
      this.store.audit.record(now, "system", `system.${what}`);
      for (const chat of this.options.directory.chats)
        this.enqueue(chat.channel, chat.address, { text }, now, touched, null);
    });
    this.options.log.error({ what }, "staff_alert");
    if (this.options.directory.chats.length === 0)
      this.options.log.warn({ what }, "alert_without_staff_chat");
    return touched;
  }

  /**
   * Tells every staff chat something about the service itself by the key of a staff text
   * (e.g. a failed backup); an {@link alert} under the key's last part.
   */
  announce(key: string, vars: Record<string, string | number> = {}): Touched {
    return this.alert(key.replace(/^staff\./, ""), this.t.text(key, vars));
  }

  // ── Sending ───────────────────────────────────────────────────────────────────────────

  private toStaffChats(
    record: CaseRecord,
    message: OutMessage,
    now: number,
    withButtons: boolean,
    touched?: Touched,
  ): void {
    for (const chat of this.options.directory.chats) {
      const out =
        withButtons && chat.channel === "telegram"
          ? {
              ...message,
              options: [
                { id: `ambil ${record.ref}`, label: this.t.text("staff.opt_claim") },
                { id: `tutup ${record.ref}`, label: this.t.text("staff.opt_close") },
              ],
            }
          : message;
      this.enqueue(chat.channel, chat.address, out, now, touched, record.id);
    }
  }

  private enqueue(
    channel: string,
    address: string,
    message: OutMessage,
    now: number,
    touched: Touched | undefined,
    caseId: number | null,
  ): void {
    this.store.outbox.add({ userId: null, channel, address, message, caseId }, now);
    touched?.add(channel);
  }
}
