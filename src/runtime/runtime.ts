import { rmSync } from "node:fs";
import type { Inbound } from "../channels/channel.ts";
import { acceptsMedia } from "../engine/accepts-media.ts";
import type { EngineDeps } from "../engine/deps.ts";
import { step } from "../engine/engine.ts";
import { SYSTEM } from "../engine/system-keys.ts";
import type { CaseDraft, MediaRef, SessionState, StepResult, UserInput } from "../engine/types.ts";
import type { Logger } from "../log.ts";
import type { Arrival, SourceTracker } from "../outreach/tracker.ts";
import type { CaseRecord } from "../store/cases.ts";
import type { Store } from "../store/store.ts";
import type { User } from "../store/users.ts";
import { makeCaseRef } from "./case-ref.ts";
import { dangerMoves } from "./danger-moves.ts";
import type { FloodGuard } from "./flood.ts";
import { promptMoves } from "./prompt-moves.ts";

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

/** What the runtime needs. */
export interface RuntimeOptions {
  store: Store;
  engine: EngineBase;
  clock: () => number;
  log: Logger;
  random?: () => number;
  cases?: CaseHooks;
  /** Per-sender flood control; none when absent. */
  flood?: FloodGuard;
  /** Outreach: entry codes in first messages, and counts per source; none when absent. */
  sources?: SourceTracker;
}

/** What handling one inbound message did. */
export interface Handled {
  duplicate: boolean;
  /** Outbox ids queued, in order. */
  queued: number[];
  /** Channels that have new messages to deliver. */
  channels: Set<string>;
  /** The user erased their data (the database files are then scrubbed). */
  erased?: boolean;
}

/** The text of an input, for the conversation log. */
function logText(input: UserInput): string | null {
  switch (input.type) {
    case "text":
      return input.text;
    case "choice":
      // Staff read the log: the words on the button, not the option's internal id.
      return input.label ?? input.id;
    case "media":
      return input.media.caption ?? null;
    case "start":
      return input.payload ?? null;
    case "unsupported":
      return input.caption ?? null;
  }
}

/**
 * Runs the engine for inbound messages: loads the session, steps the engine, and stores the new
 * state, the replies (in the outbox), cases and the audit trail in **one** transaction. A
 * message id already seen is ignored, so a message delivered twice is answered once.
 */
export class Runtime {
  constructor(private readonly options: RuntimeOptions) {}

  get store(): Store {
    return this.options.store;
  }

  /** Whether a file from this user would be used now (a question asks for one, or a case is open). */
  acceptsMedia(channel: string, address: string): boolean {
    const { store, engine } = this.options;
    const user = store.users.find(channel, address);
    return acceptsMedia(user ? store.sessions.load(user.id) : null, engine.flows);
  }

  /** Handles one inbound message. Never throws for bad input; a broken engine step is logged. */
  handle(inbound: Inbound): Handled {
    const { store, clock } = this.options;
    const files: string[] = [];
    const handled = store.transaction((): Handled => {
      const now = clock();
      const none: Handled = { duplicate: true, queued: [], channels: new Set() };
      if (!store.inbound.claim(inbound.channel, inbound.messageId, now)) return none;
      const user = store.users.touch(inbound.channel, inbound.address, now);
      const prev = store.sessions.load(user.id);
      const verdict =
        this.options.flood?.check(`${inbound.channel}:${inbound.address}`, now) ?? "ok";
      if (verdict !== "ok") return this.throttled(user, prev, inbound, verdict, now);
      store.messages.add(user.id, "in", inbound.input.type, logText(inbound.input), now);
      // A file the channel downloaded belongs to the user from the moment it arrives, so
      // erasing their data deletes it even if no case ever used it.
      if (inbound.input.type === "media" && inbound.input.media.path)
        store.cases.attach(null, user.id, inbound.input.media, now);
      const arrival: Arrival = this.options.sources?.arrive(inbound) ?? {
        input: inbound.input,
        langHint: inbound.langHint,
      };
      const result = this.step(
        prev,
        { ...inbound, input: arrival.input, langHint: arrival.langHint },
        now,
        user.id,
      );
      this.options.sources?.record(user.id, prev, arrival, result, now);
      store.flowStats.record(
        [
          ...promptMoves(prev, result.state, now, this.options.engine.settings.idleMs),
          ...dangerMoves(prev, result.state),
        ],
        now,
      );
      return this.apply(user, result, now, files);
    });
    for (const file of files) rmSync(file, { force: true });
    if (handled.erased) store.scrubFiles();
    return handled;
  }

  /** Records a message over the flood limit without answering it (one notice per window). */
  private throttled(
    user: User,
    prev: SessionState | null,
    inbound: Inbound,
    verdict: "notice" | "drop",
    now: number,
  ): Handled {
    const { store, engine, log } = this.options;
    store.messages.add(user.id, "in", "throttled", logText(inbound.input), now);
    const handled: Handled = { duplicate: false, queued: [], channels: new Set() };
    if (verdict === "drop") return handled;
    log.warn({ user: user.id, channel: inbound.channel }, "flood_throttled");
    const text = engine.t(prev?.lang ?? engine.settings.defaultLang, SYSTEM.flood);
    const message = {
      userId: user.id,
      channel: user.channel,
      address: user.address,
      message: { text },
    };
    handled.queued.push(store.outbox.add(message, now));
    handled.channels.add(user.channel);
    return handled;
  }

  private step(
    prev: SessionState | null,
    inbound: Inbound,
    now: number,
    userId?: number,
  ): StepResult {
    const { engine, store, log } = this.options;
    const random = this.options.random ?? Math.random;
    const deps: EngineDeps = {
      ...engine,
      now,
      newCaseRef: () => makeCaseRef(random, (ref) => store.cases.refExists(ref)),
    };
    try {
      return step(deps, prev, inbound.input, {
        langHint: inbound.langHint,
        userCases: () => (userId === undefined ? [] : store.cases.summaries(userId)),
      });
    } catch (error) {
      // A bug must not silence the bot: apologise, keep the previous state, and log it.
      log.error({ err: error, channel: inbound.channel }, "engine_failed");
      const fallback = prev ?? step(deps, null, { type: "text", text: "0" }).state;
      const text = engine.t(fallback.lang, SYSTEM.error);
      return {
        state: { ...fallback, lastActive: now },
        effects: [{ type: "reply", message: { text } }],
      };
    }
  }

  private apply(user: User, result: StepResult, now: number, files: string[]): Handled {
    const { store, log, engine } = this.options;
    const handled: Handled = { duplicate: false, queued: [], channels: new Set() };
    let erased = false;
    let openCase: number | null = null;
    for (const effect of result.effects) {
      switch (effect.type) {
        case "reply": {
          const id = store.outbox.add(
            {
              userId: erased ? null : user.id,
              channel: user.channel,
              address: user.address,
              message: effect.message,
              transient: erased,
            },
            now,
          );
          if (!erased) store.messages.add(user.id, "out", "text", effect.message.text, now);
          handled.queued.push(id);
          handled.channels.add(user.channel);
          break;
        }
        case "open_case": {
          openCase = this.openCase(user, result.state, effect.draft, now, handled);
          break;
        }
        case "case_message": {
          const record = store.cases.byRef(effect.ref);
          if (!record) {
            log.warn({ case: effect.ref }, "case_message_for_unknown_case");
            break;
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
          for (const channel of this.options.cases?.userMessage(record, message, now) ?? []) {
            handled.channels.add(channel);
          }
          break;
        }
        case "attach": {
          store.cases.attach(openCase, user.id, effect.media, now);
          break;
        }
        case "language":
          if (!erased) store.users.setLang(user.id, effect.lang);
          break;
        case "erase_user": {
          const erasure = store.eraseUser(user.id, now);
          files.push(...erasure.files);
          store.audit.record(now, "user", "user.erase", undefined, { cases: erasure.cases });
          log.info({ cases: erasure.cases }, "user_erased");
          erased = true;
          break;
        }
        case "log":
          log[effect.level]({ user: user.id, ...effect.detail }, effect.event);
          break;
        default:
          assertNever(effect);
      }
    }
    if (!erased) store.sessions.save(user.id, result.state, engine.settings.idleMs);
    if (erased) handled.erased = true;
    return handled;
  }

  private openCase(
    user: User,
    state: SessionState,
    draft: CaseDraft,
    now: number,
    handled: Handled,
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
      handled.channels.add(channel);
    return id;
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled effect ${JSON.stringify(value)}`);
}
