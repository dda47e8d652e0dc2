import { rmSync } from "node:fs";
import type { Inbound } from "../channels/channel.ts";
import { acceptsMedia } from "../engine/accepts-media.ts";
import { step } from "../engine/engine.ts";
import { SYSTEM } from "../engine/system-keys.ts";
import type { SessionState, StepResult, UserInput } from "../engine/types.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/store.ts";
import type { User } from "../store/users.ts";
import type { Arrival, ArrivalHooks } from "./arrivals.ts";
import { dangerMoves } from "./danger-moves.ts";
import { type CaseHooks, EffectInterpreter, type EngineBase } from "./effects.ts";
import type { FloodGuard } from "./flood.ts";
import { promptMoves } from "./prompt-moves.ts";

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
  /** Around each step (outreach: entry codes in first messages, counts per source). */
  arrivals?: ArrivalHooks;
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
  private readonly effects: EffectInterpreter;

  constructor(private readonly options: RuntimeOptions) {
    const { store, engine, log, random, cases } = options;
    this.effects = new EffectInterpreter({
      store,
      engine,
      log,
      ...(random ? { random } : {}),
      ...(cases ? { cases } : {}),
    });
  }

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
    let files: string[] = [];
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
      const arrival: Arrival = this.options.arrivals?.arrive(inbound) ?? {
        input: inbound.input,
        langHint: inbound.langHint,
      };
      const result = this.step(
        prev,
        { ...inbound, input: arrival.input, langHint: arrival.langHint },
        now,
        user.id,
      );
      this.options.arrivals?.record(user.id, prev, arrival, result, now);
      store.flowStats.record(
        [
          ...promptMoves(prev, result.state, now, this.options.engine.settings.idleMs),
          ...dangerMoves(prev, result.state),
        ],
        now,
      );
      const applied = this.effects.apply(user, result, now);
      files = applied.files;
      return {
        duplicate: false,
        queued: applied.queued,
        channels: applied.channels,
        ...(applied.erased ? { erased: true } : {}),
      };
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
    const deps = this.effects.deps(now);
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
}
