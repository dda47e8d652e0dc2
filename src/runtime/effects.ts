/**
 * The one interpreter of engine effects: what a step (a user's message) or a case update (staff
 * acting on a case) asked for becomes outbox rows, conversation-log lines, cases, attachments
 * and audit entries here, inside the caller's transaction.
 */
import type { EngineDeps } from "../engine/deps.ts";
import type { CaseDraft, Effect, MediaRef, SessionState, StepResult } from "../engine/types.ts";
import type { Logger } from "../log.ts";
import type { CaseRecord } from "../store/cases.ts";
import type { Store } from "../store/store.ts";
import type { User } from "../store/users.ts";
import { makeCaseRef } from "./case-ref.ts";

/** The engine's dependencies that do not change per message. */
export type EngineBase = Omit<EngineDeps, "now" | "newCaseRef">;

/**
 * What the staff desk does when users act on cases. Both run inside the transaction of the
 * user's message, so a case and its notice to staff are stored together or not at all.
 */
export interface CaseHooks {
  /** A case was opened: tell staff. Returns the channels it queued messages on. */
  opened(record: CaseRecord, now: number): string[];
  /** The reporter wrote more for an open case: pass it on to staff (returns channels, too). */
  userMessage(
    record: CaseRecord,
    message: { text?: string; media?: MediaRef },
    now: number,
  ): string[];
}

/** What the interpreter needs. */
export interface EffectOptions {
  store: Store;
  engine: EngineBase;
  log: Logger;
  /** Randomness for new case references (tests seed it). */
  random?: () => number;
  /** Where case notices go; none when absent. */
  cases?: CaseHooks;
}

/** Where the effects come from, as far as their rows need to know. */
export interface EffectOrigin {
  /** The conversation log's kind for replies: the bot's own (`text`) or a staff action's (`staff`). */
  replyKind?: "text" | "staff";
  /** The case the replies are about (so a reply to them in a staff chat finds it). */
  caseId?: number;
}

/** What applying a result did. */
export interface Applied {
  /** Outbox ids queued, in order. */
  queued: number[];
  /** Channels that have new messages to deliver. */
  channels: Set<string>;
  /** The user erased their data. */
  erased: boolean;
  /** Files to delete once the transaction has committed. */
  files: string[];
}

/** Carries out engine effects against the store; see the module comment. */
export class EffectInterpreter {
  constructor(private readonly options: EffectOptions) {}

  /** The engine's dependencies at `now`, with case references that are not taken yet. */
  deps(now: number): EngineDeps {
    const { engine, store } = this.options;
    const random = this.options.random ?? Math.random;
    return {
      ...engine,
      now,
      newCaseRef: () => makeCaseRef(random, (ref) => store.cases.refExists(ref)),
    };
  }

  /**
   * Carries out a result's effects for `user`, in order, and stores their new session state
   * (unless they erased their data). Call inside a transaction.
   */
  apply(user: User, result: StepResult, now: number, origin: EffectOrigin = {}): Applied {
    const applied: Applied = { queued: [], channels: new Set(), erased: false, files: [] };
    let openCase: number | null = null;
    for (const effect of result.effects) {
      const opened = this.one(user, result.state, effect, now, origin, applied, openCase);
      if (opened !== undefined) openCase = opened;
    }
    const { store, engine } = this.options;
    if (!applied.erased) store.sessions.save(user.id, result.state, engine.settings.idleMs);
    return applied;
  }

  /** One effect; returns the id of a case it opened (later attachments belong to it). */
  private one(
    user: User,
    state: SessionState,
    effect: Effect,
    now: number,
    origin: EffectOrigin,
    applied: Applied,
    openCase: number | null,
  ): number | undefined {
    const { store, log } = this.options;
    switch (effect.type) {
      case "reply": {
        const erased = applied.erased;
        const id = store.outbox.add(
          {
            userId: erased ? null : user.id,
            channel: user.channel,
            address: user.address,
            message: effect.message,
            transient: erased,
            ...(origin.caseId !== undefined ? { caseId: origin.caseId } : {}),
          },
          now,
        );
        const kind = origin.replyKind ?? "text";
        if (!erased) store.messages.add(user.id, "out", kind, effect.message.text, now);
        applied.queued.push(id);
        applied.channels.add(user.channel);
        return undefined;
      }
      case "open_case":
        return this.openCase(user, state, effect.draft, now, applied);
      case "case_message":
        this.caseMessage(user, effect, now, applied);
        return undefined;
      case "attach":
        store.cases.attach(openCase, user.id, effect.media, now);
        return undefined;
      case "language":
        if (!applied.erased) store.users.setLang(user.id, effect.lang);
        return undefined;
      case "erase_user": {
        const erasure = store.eraseUser(user.id, now);
        applied.files.push(...erasure.files);
        store.audit.record(now, "user", "user.erase", undefined, { cases: erasure.cases });
        log.info({ cases: erasure.cases }, "user_erased");
        applied.erased = true;
        return undefined;
      }
      case "log":
        log[effect.level]({ user: user.id, ...effect.detail }, effect.event);
        return undefined;
      default:
        return assertNever(effect);
    }
  }

  private caseMessage(
    user: User,
    effect: Extract<Effect, { type: "case_message" }>,
    now: number,
    applied: Applied,
  ): void {
    const { store, log, cases } = this.options;
    const record = store.cases.byRef(effect.ref);
    if (!record) {
      log.warn({ case: effect.ref }, "case_message_for_unknown_case");
      return;
    }
    const message = {
      ...(effect.text !== undefined ? { text: effect.text } : {}),
      ...(effect.media ? { media: effect.media } : {}),
    };
    store.cases.event(
      record.id,
      now,
      "user",
      "user_message",
      effect.text !== undefined ? { text: effect.text } : { media: effect.media?.kind },
    );
    if (effect.media) store.cases.attach(record.id, user.id, effect.media, now);
    for (const channel of cases?.userMessage(record, message, now) ?? [])
      applied.channels.add(channel);
  }

  private openCase(
    user: User,
    state: SessionState,
    draft: CaseDraft,
    now: number,
    applied: Applied,
  ): number {
    const { store, log, cases } = this.options;
    const id = store.cases.open(
      draft,
      { userId: user.id, channel: user.channel, address: user.address, lang: state.lang },
      now,
    );
    for (const value of Object.values(draft.answers)) {
      if (!Array.isArray(value)) continue;
      for (const media of value)
        if (typeof media === "object") store.cases.attach(id, user.id, media, now);
    }
    store.audit.record(now, "user", "case.open", draft.ref, {
      kind: draft.kind,
      priority: draft.priority,
    });
    log.info({ case: draft.ref, kind: draft.kind, priority: draft.priority }, "case_opened");
    const record = store.cases.get(id);
    for (const channel of record && cases ? cases.opened(record, now) : [])
      applied.channels.add(channel);
    return id;
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled effect ${JSON.stringify(value)}`);
}
