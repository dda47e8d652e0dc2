/**
 * The staff desk: every new case goes to the staff chats at once; staff answer from there, by
 * replying to a card or with commands; the reporter hears back in their own chat and language;
 * unclaimed cases are announced again. Every staff action is a case event and an audit entry.
 */
import type { StaffInbound } from "../channels/channel.ts";
import type { MediaRef, OutMessage } from "../engine/types.ts";
import type { Logger } from "../log.ts";
import type { OutreachKit } from "../outreach/kit.ts";
import { type CaseHooks, EffectInterpreter, type EngineBase } from "../runtime/effects.ts";
import type { CaseRecord } from "../store/cases.ts";
import type { Store } from "../store/store.ts";
import { type Acting, CaseWork, type Touched } from "./casework.ts";
import { commandOfAction } from "./commands/actions.ts";
import type { StaffCommand } from "./commands/command.ts";
import { parseStaffText } from "./commands/parse.ts";
import { runCommand } from "./commands/registry.ts";
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
  /** Outreach sources (`/sumber`); without it the command only shows its help. */
  outreach?: OutreachKit;
}

export class StaffDesk implements CaseHooks {
  private readonly work: CaseWork;

  constructor(private readonly options: DeskOptions) {
    const { store, engine, log, text, directory } = options;
    // Reporters hear what staff did through the same effect interpreter as the runtime's.
    const effects = new EffectInterpreter({ store, engine, log, cases: this });
    this.work = new CaseWork({ store, text, directory, effects });
  }

  private get store(): Store {
    return this.options.store;
  }

  private get t(): StaffText {
    return this.options.text;
  }

  // ── Hooks called by the runtime, inside the user's transaction ────────────────────────

  opened(record: CaseRecord, now: number): string[] {
    const card: OutMessage = { text: this.t.card(record) };
    this.work.toStaffChats(record, card, now, true);
    for (const a of this.store.cases.attachments(record.id)) {
      const media: MediaRef = {
        kind: a.kind,
        ...(a.fileId ? { fileId: a.fileId } : {}),
        ...(a.path ? { path: a.path } : {}),
        ...(a.mime ? { mime: a.mime } : {}),
      };
      this.work.toStaffChats(
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
    this.work.toStaffChats(record, out, now, false);
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
   * as in the staff chats, with the desk's answers (and the notices staff chats get, which the
   * console user would otherwise not see) returned instead of sent to a chat.
   */
  act(who: StaffIdentity, command: StaffCommand): ActResult {
    const result: ActResult = { replies: [], touched: new Set() };
    const reply = (text: string) => {
      result.replies.push(text);
    };
    this.store.transaction(() => {
      const now = this.options.clock();
      if (!this.isStaff(who.actor)) {
        this.store.audit.record(now, who.actor, "staff.refused", refOf(command), {
          command: command.name,
          via: "web",
        });
        this.options.log.warn({ command: command.name }, "staff_refused");
        reply(this.t.text("staff.not_staff"));
        return;
      }
      this.store.settings.rememberStaffName(who.actor, who.name);
      const acting = { actor: who.actor, who: who.name, now, touched: result.touched, reply };
      this.run({ ...acting, echo: reply }, command);
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
    // A tapped button is its command as it is; only typed text goes through the parser. An
    // action no button of ours has (a stale or foreign one) gets the help, like an unknown `/word`.
    const command =
      message.action !== undefined
        ? (commandOfAction(message.action) ?? { name: "bantuan" })
        : parseStaffText(message.text, message.media);
    const reply = (text: string) =>
      this.work.toChat(message.channel, message.chat, { text }, now, touched, null);
    if (!directory.isStaff(message.channel, message.sender)) {
      // Only act on what was meant for the bot; ordinary group talk is not ours to answer.
      if (command || message.replyTo) {
        const name = command?.name ?? "reply";
        this.store.audit.record(now, actor, "staff.refused", command && refOf(command), {
          command: name,
        });
        log.warn({ channel: message.channel, command: name }, "staff_refused");
        reply(this.t.text("staff.not_staff"));
      }
      return;
    }
    if (message.senderName) this.store.settings.rememberStaffName(actor, message.senderName);
    const acting: Acting = {
      actor,
      who: message.senderName ?? message.sender,
      now,
      touched,
      reply,
    };
    if (command) {
      this.run(acting, command);
      return;
    }
    if (message.replyTo) {
      const record = this.caseOfReply(message);
      if (!record) reply(this.t.text("staff.hint_reply"));
      else this.work.relay(acting, record, { text: message.text, media: message.media });
      return;
    }
    if (message.text && /\bJR-?[2-9A-Z]{4,6}\b/i.test(message.text))
      reply(this.t.text("staff.hint_reply"));
  }

  /** Runs a staff command by its registered handler. */
  private run(acting: Acting, command: StaffCommand): void {
    const { store, text, console: links, outreach } = this.options;
    const consoleLink = () => links?.issue({ actor: acting.actor, name: acting.who }, acting.now);
    runCommand({ ...acting, store, text, work: this.work, consoleLink, outreach }, command);
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
        this.work.toStaffChats(
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
          this.work.toChat(chat.channel, chat.address, { text }, now, touched, null);
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
        this.work.toChat(chat.channel, chat.address, { text }, now, touched, null);
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
}

/** The case a command names, if it names one (for the audit trail). */
function refOf(command: StaffCommand): string | undefined {
  return "ref" in command ? command.ref : undefined;
}
