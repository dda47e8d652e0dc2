/**
 * The step machine: (session state, one input, injected clock and ids) → (new state, effects).
 * It never touches a database, a network or a channel; the runtime carries out the effects.
 */
import type { CommandHit } from "./commands.ts";
import { findCommand } from "./commands.ts";
import type { EngineDeps, Understanding } from "./deps.ts";
import type { Node } from "./flow.ts";
import type { Arrival, NodeKind } from "./node-kind.ts";
import { kindOf } from "./nodes/index.ts";
import { pickOption } from "./nodes/menu.ts";
import { newSession } from "./session.ts";
import { SYSTEM } from "./system-keys.ts";
import { parseTarget, positionTarget, type Target } from "./target.ts";
import { clip } from "./text.ts";
import { Turn } from "./turn.ts";
import type {
  CaseSummary,
  Effect,
  Lang,
  NodePrompt,
  Position,
  SessionState,
  StepResult,
  SystemPrompt,
  UserInput,
  Vars,
} from "./types.ts";

/** Extra facts about an input that only the channel knows. */
export interface StepMeta {
  /** The language the user's app is set to (e.g. Telegram's `language_code`). */
  langHint?: string | undefined;
  /** Reads the user's own cases, newest first (only called by nodes that show them). */
  userCases?: () => CaseSummary[];
}

/** The flow every conversation falls back to. */
export const MENU_FLOW = "menu";
/** The flow that puts the user in touch with a person. */
export const HUMAN_FLOW = "human";
/** The flow for someone in danger now; danger words reach it from any question. */
export const EMERGENCY_FLOW = "emergency";
const MAX_STACK = 4;
/** While waiting for staff, the bot acknowledges additions at most this often. */
const ACK_EVERY_MS = 10 * 60_000;

/** Picks the language of a new user from the channel's hint, else the default. */
export function languageFromHint(hint: string | undefined, fallback: Lang): Lang {
  const h = hint?.toLowerCase() ?? "";
  if (h.startsWith("mad")) return "mad";
  if (h.startsWith("id") || h.startsWith("in")) return "id";
  return fallback;
}

/**
 * Handles one input. `prev` is null for a user never seen before. The result is the state to
 * store and the effects to carry out, in order.
 */
export function step(
  deps: EngineDeps,
  prev: SessionState | null,
  input: UserInput,
  meta: StepMeta = {},
): StepResult {
  const start =
    prev ?? newSession(languageFromHint(meta.langHint, deps.settings.defaultLang), deps.now);
  const machine = new Machine(new Turn(deps, { ...start }, meta.userCases ?? (() => [])));
  machine.handle(input, prev);
  const { turn } = machine;
  turn.state = { ...turn.state, lastActive: deps.now };
  // A first message always says what this service is, even when it goes straight to a flow.
  const effects = prev === null && !machine.greeted ? [intro(turn), ...turn.effects] : turn.effects;
  return { state: turn.state, effects };
}

/** A media input with a caption, read as the caption's text; anything else unchanged. */
function captionAsText(input: UserInput): UserInput {
  return input.type === "media" && input.media.caption
    ? { type: "text", text: input.media.caption }
    : input;
}

function intro(turn: Turn): Effect {
  return { type: "reply", message: { text: turn.text(SYSTEM.intro) } };
}

type AnyKind = NodeKind<{ type: string }>;

class Machine {
  /** True once the menu flow's greeting was shown in this step. */
  greeted = false;

  constructor(readonly turn: Turn) {}

  private get deps(): EngineDeps {
    return this.turn.deps;
  }

  private get state(): SessionState {
    return this.turn.state;
  }

  private patch(change: Partial<SessionState>): void {
    this.turn.state = { ...this.turn.state, ...change };
  }

  handle(sent: UserInput, prev: SessionState | null): void {
    let input = sent;
    // A refused file's caption is still read, after saying why the file was not taken.
    if (input.type === "unsupported" && input.caption?.trim()) {
      this.turn.say(SYSTEM.unsupported(input.what));
      input = { type: "text", text: input.caption };
    }
    let restarted = false;
    if (
      prev?.prompt &&
      prev.mode === "bot" &&
      this.deps.now - prev.lastActive > this.deps.settings.idleMs
    ) {
      this.turn.say(SYSTEM.idleRestart);
      this.reset(true);
      restarted = true;
    }
    if (input.type === "start") {
      this.startCommand(input.payload);
      return;
    }
    if (input.type === "text" || (input.type === "media" && input.media.caption)) {
      const text = input.type === "text" ? input.text : (input.media.caption as string);
      const hit = findCommand(this.deps.commands, text);
      if (hit) {
        this.command(hit);
        return;
      }
    }
    if (restarted) {
      this.go(`@${MENU_FLOW}`);
      return;
    }
    const prompt = this.state.prompt;
    if (!prompt && this.state.mode !== "bot" && this.state.openCase) {
      this.toStaff(this.state.openCase, input);
      return;
    }
    if (!prompt) {
      this.idle(input);
      return;
    }
    if (input.type === "unsupported") {
      this.turn.say(SYSTEM.unsupported(input.what));
      this.reask();
      return;
    }
    if (input.type === "choice" && !this.isCurrent(input.id, input.prompt)) {
      this.turn.say(SYSTEM.stale);
      this.reask();
      return;
    }
    if (prompt.kind === "system") {
      this.answerSystem(prompt, input);
      return;
    }
    this.answerNode(prompt, input);
  }

  private isCurrent(option: string, seq: number | undefined): boolean {
    const prompt = this.state.prompt;
    if (!prompt) return false;
    if (seq !== undefined && seq !== prompt.seq) return false;
    return prompt.options.includes(option);
  }

  /** Forgets the conversation's place (and, when `vars`, what it collected). */
  private reset(vars: boolean): void {
    this.patch({ prompt: null, stack: [], retries: 0, ...(vars ? { vars: {} } : {}) });
  }

  private startCommand(payload: string | undefined): void {
    this.reset(true);
    const flow = payload && this.deps.flows.has(payload) ? payload : MENU_FLOW;
    if (payload && flow !== payload) this.turn.log("warn", "unknown_start_payload");
    this.go(`@${flow}`);
  }

  /**
   * Outside any flow, while a case is open, what the user writes is for staff: it is added to
   * the case. While waiting for a first answer the bot says so (not after every message);
   * once staff are talking with the user, the bot stays quiet.
   */
  private toStaff(ref: string, input: UserInput): void {
    if (input.type === "text")
      this.turn.emit({ type: "case_message", ref, text: clip(input.text, 4000) });
    else if (input.type === "media")
      this.turn.emit({ type: "case_message", ref, media: input.media });
    else if (input.type === "unsupported") {
      this.turn.say(SYSTEM.unsupported(input.what));
      return;
    }
    const quiet = this.state.mode === "staff_active" && input.type !== "choice";
    const recently = this.deps.now - (this.state.ackedAt ?? 0) < ACK_EVERY_MS;
    if (quiet || (recently && input.type !== "choice")) return;
    this.turn.say(SYSTEM.addedToCase, { case_ref: ref });
    this.patch({ ackedAt: this.deps.now });
  }

  private command({ command, arg }: CommandHit): void {
    const prompt = this.state.prompt;
    const open = this.state.mode !== "bot" ? this.state.openCase : undefined;
    if (command.target === `@${HUMAN_FLOW}` && open) {
      // Asking for a person while one is already on the case: no second case.
      this.turn.say(SYSTEM.caseOpenAlready, { case_ref: open });
      return;
    }
    if (command.interrupt && prompt?.kind === "node") {
      this.interrupt({ flow: prompt.flow, node: prompt.node });
    } else {
      this.reset(command.name === MENU_FLOW);
    }
    if (command.argVar && arg !== undefined) this.turn.set(command.argVar, clip(arg, 100));
    this.go(command.target);
  }

  /** Sets the pending question aside; it is asked again when the next flow ends. */
  private interrupt(here: Position): void {
    const top = this.state.stack.at(-1);
    if (!top || top.flow !== here.flow || top.node !== here.node) {
      this.patch({ stack: [...this.state.stack, here].slice(-MAX_STACK) });
    }
    this.patch({ prompt: null, retries: 0 });
  }

  /** Input while nothing is pending: free text is understood, anything else leads to the menu. */
  private idle(input: UserInput): void {
    if (input.type === "text") {
      this.freeText(input.text);
      return;
    }
    if (input.type === "media" && input.media.caption) {
      this.freeText(input.media.caption);
      return;
    }
    if (input.type === "choice") this.turn.say(SYSTEM.stale);
    else if (input.type === "unsupported") this.turn.say(SYSTEM.unsupported(input.what));
    else if (input.type === "media") this.turn.say(SYSTEM.mediaIdle);
    this.go(`@${MENU_FLOW}`);
  }

  /**
   * Free text that is no answer to anything: ask the matcher. A confident match starts that
   * flow; otherwise the user sees the menu (the understanding module adds "did you mean").
   */
  private freeText(text: string): void {
    this.route(text, undefined, (result) => {
      if (this.deps.understand && this.deps.flows.has(HUMAN_FLOW)) {
        this.systemPrompt(
          "not_understood",
          SYSTEM.notUnderstood,
          [
            { id: "menu", label: SYSTEM.optMenu, target: `@${MENU_FLOW}` },
            { id: "human", label: SYSTEM.optHuman, target: `@${HUMAN_FLOW}` },
          ],
          result?.vars ? { options: ["human"], vars: result.vars } : undefined,
        );
      } else this.go(`@${MENU_FLOW}`);
    });
  }

  /**
   * Routes free text by the matcher's confidence: high starts the flow, medium asks "did you
   * mean" (with a way back to `back`, or the menu), low calls `otherwise`. A flow started from
   * free text starts clean: only what this text said is set, never what an earlier
   * conversation left behind. Text at a question of flow `back.flow` never restarts that flow.
   */
  private route(
    text: string,
    back: Position | undefined,
    otherwise: (result: Understanding | undefined) => void,
  ): void {
    const understand = this.deps.understand;
    const result = understand ? understand(clip(text), this.state.lang) : undefined;
    if (result && !this.state.langChosen && result.lang && result.lang !== this.state.lang) {
      this.patch({ lang: result.lang });
      this.turn.emit({ type: "language", lang: result.lang });
    }
    const usable = (f: string | null | undefined): f is string =>
      !!f && this.deps.flows.has(f) && f !== back?.flow;
    if (result && result.confidence === "high" && usable(result.flow)) {
      this.turn.log("info", "understood", { flow: result.flow, confidence: "high" });
      if (back && result.flow === EMERGENCY_FLOW) this.emergency(back);
      else this.start(result.flow, result.vars);
      return;
    }
    // The way out ("menu" or "back") is always offered, so the menu is not offered twice.
    const offered = (result?.confidence === "medium" ? [result.flow, ...result.alternatives] : [])
      .filter(usable)
      .filter((f) => back !== undefined || f !== MENU_FLOW)
      .filter((f, i, all) => all.indexOf(f) === i)
      .slice(0, 3);
    if (result && offered.length > 0) {
      this.turn.log("info", "understood", { flow: offered.join(","), confidence: "medium" });
      const way = back
        ? { id: "back", label: SYSTEM.optBack, target: positionTarget(back) }
        : { id: "menu", label: SYSTEM.optMenu, target: `@${MENU_FLOW}` };
      this.reset(false);
      this.systemPrompt(
        "did_you_mean",
        SYSTEM.didYouMean,
        [...offered.map((f) => ({ id: f, label: SYSTEM.flowLabel(f), target: `@${f}` })), way],
        { options: offered, vars: result.vars },
      );
      return;
    }
    if (result) this.turn.log("info", "not_understood");
    otherwise(result);
  }

  /** Starts `flow` afresh with `vars` (what the user's text already told us). */
  private start(flow: string, vars: Vars): void {
    this.reset(true);
    for (const [name, value] of Object.entries(vars)) this.turn.set(name, value);
    this.go(`@${flow}`);
  }

  /**
   * Danger words in an answer that does not fit the question go to the emergency flow at once
   * (an answer that fits, such as a free-text description, is kept as the answer).
   */
  private urgent(input: UserInput, prompt: NodePrompt): boolean {
    if (input.type !== "text" || prompt.flow === EMERGENCY_FLOW) return false;
    if (!this.deps.flows.has(EMERGENCY_FLOW)) return false;
    const result = this.deps.understand?.(clip(input.text), this.state.lang);
    if (result?.flow !== EMERGENCY_FLOW || result.confidence !== "high") return false;
    this.emergency({ flow: prompt.flow, node: prompt.node });
    return true;
  }

  /**
   * Danger in the middle of a flow: the emergency flow runs at once, and the question it
   * interrupted is asked again afterwards, so nothing already answered (a report) is lost.
   */
  private emergency(here: Position): void {
    this.turn.log("info", "danger_mid_flow");
    this.interrupt(here);
    this.go(`@${EMERGENCY_FLOW}`);
  }

  private answerSystem(prompt: SystemPrompt, sent: UserInput): void {
    const input = captionAsText(sent);
    let index = -1;
    if (input.type === "choice") index = prompt.options.indexOf(input.id);
    else if (input.type === "text") {
      const labels = prompt.labels.map((key) => this.turn.text(key));
      const ids = prompt.options.map((id) => ({ id }));
      const hit = pickOption(ids, labels, input.text);
      index = hit ? prompt.options.indexOf(hit.id) : -1;
      if (index < 0) {
        this.reset(false);
        this.freeText(input.text);
        return;
      }
    }
    const target = prompt.targets[index];
    const option = prompt.options[index];
    if (target === undefined || option === undefined) {
      this.turn.say(SYSTEM.mediaNotExpected);
      this.reask();
      return;
    }
    const carry = prompt.carry;
    if (carry?.options.includes(option)) {
      this.reset(true);
      for (const [name, value] of Object.entries(carry.vars)) this.turn.set(name, value);
    } else this.reset(false);
    this.go(target);
  }

  private answerNode(prompt: NodePrompt, sent: UserInput): void {
    const found = this.lookup(prompt);
    if (!found) {
      this.lost("prompt_node_missing");
      return;
    }
    const [node, kind] = found;
    const isMediaAsk = node.type === "ask" && node.input === "media";
    if (sent.type === "media" && !isMediaAsk && !sent.media.caption) {
      this.turn.say(SYSTEM.mediaNotExpected);
      this.reask();
      return;
    }
    // Where no media is expected, a photo's caption is the answer, as if it had been typed.
    const input = isMediaAsk ? sent : captionAsText(sent);
    this.turn.at = { flow: prompt.flow, node: prompt.node };
    const reply = kind.answer?.(node, input, this.turn) ?? { invalid: SYSTEM.hintMenu };
    if ("to" in reply) {
      this.patch({ prompt: null, retries: 0 });
      this.go(reply.to, prompt.flow);
      return;
    }
    if ("unmatched" in reply) {
      const text = input.type === "text" ? input.text : "";
      const here = { flow: prompt.flow, node: prompt.node };
      this.route(text, here, () => this.invalid(SYSTEM.hintMenu, { max: prompt.options.length }));
      return;
    }
    if (this.urgent(input, prompt)) return;
    this.invalid(reply.invalid, reply.params);
    return;
  }

  /** An answer that does not fit: hint and ask again, or after too many, offer a way out. */
  private invalid(hint: string, params?: Record<string, unknown>): void {
    const retries = this.state.retries + 1;
    this.patch({ retries });
    if (retries > this.deps.settings.maxRetries) {
      this.turn.log("info", "retries_exceeded");
      // Offer a way back to the same question: a half-finished report is not lost.
      const prompt = this.state.prompt;
      const back =
        prompt?.kind === "node"
          ? [{ id: "back", label: SYSTEM.optBack, target: positionTarget(prompt) }]
          : [];
      this.patch({ prompt: null, retries: 0 });
      this.systemPrompt("retry_exceeded", SYSTEM.retryExceeded, [
        ...back,
        { id: "menu", label: SYSTEM.optMenu, target: `@${MENU_FLOW}` },
        { id: "human", label: SYSTEM.optHuman, target: `@${HUMAN_FLOW}` },
      ]);
      return;
    }
    this.turn.say(hint, params);
    this.reask();
  }

  private systemPrompt(
    name: string,
    text: string,
    options: { id: string; label: string; target: Target }[],
    carry?: SystemPrompt["carry"],
  ): void {
    const prompt: SystemPrompt = {
      kind: "system",
      name,
      seq: this.state.seq + 1,
      text,
      options: options.map((o) => o.id),
      labels: options.map((o) => o.label),
      targets: options.map((o) => o.target),
      ...(carry && Object.keys(carry.vars).length > 0 ? { carry } : {}),
    };
    this.patch({ prompt, seq: prompt.seq });
    this.sendPrompt();
  }

  /** Sends the pending question again (same prompt number, so earlier buttons still work). */
  private reask(): void {
    const prompt = this.state.prompt;
    if (!prompt) {
      this.go(`@${MENU_FLOW}`);
      return;
    }
    this.sendPrompt();
  }

  private sendPrompt(): void {
    const prompt = this.state.prompt;
    if (!prompt) return;
    if (prompt.kind === "system") {
      this.turn.reply({
        text: this.turn.text(prompt.text),
        options: prompt.options.map((id, i) => this.turn.option(id, prompt.labels[i] as string)),
        prompt: prompt.seq,
      });
      return;
    }
    const found = this.lookup(prompt);
    if (!found) {
      this.lost("prompt_node_missing");
      return;
    }
    const [node, kind] = found;
    this.turn.at = { flow: prompt.flow, node: prompt.node };
    const message = kind.ask?.(node, this.turn);
    if (!message) {
      this.lost("node_cannot_ask");
      return;
    }
    this.patch({ prompt: { ...prompt, options: message.options?.map((o) => o.id) ?? [] } });
    this.turn.reply(message.options ? { ...message, prompt: prompt.seq } : message);
  }

  private lookup(pos: Position): [Node, AnyKind] | undefined {
    const node = this.deps.flows.get(pos.flow)?.nodes[pos.node];
    const kind = node ? kindOf(node.type) : undefined;
    return node && kind ? [node, kind] : undefined;
  }

  /** Something is wrong with the flows (a loop, a missing node): log it and show the menu. */
  private lost(event: string, detail?: Record<string, string | number>): void {
    this.turn.log("error", event, detail);
    this.turn.say(SYSTEM.error);
    this.reset(true);
    if (event !== "menu_failed") this.go(`@${MENU_FLOW}`, "", true);
  }

  /** Runs nodes from `target` until one waits for the user or the flow ends. */
  private go(target: Target, from = "", recovering = false): void {
    const limit = this.deps.settings.maxSteps;
    let current = target;
    let flow = from;
    for (let steps = 0; ; steps++) {
      const parsed = parseTarget(current, flow);
      const start = parsed && this.deps.flows.get(parsed.flow)?.start;
      const pos = parsed && start ? { flow: parsed.flow, node: parsed.node ?? start } : undefined;
      const found = pos && this.lookup(pos);
      if (!pos || !found || steps >= limit) {
        const detail = { target: current.slice(0, 60), steps };
        if (recovering) {
          this.lost("menu_failed", detail);
          return;
        }
        this.lost(steps >= limit ? "step_limit" : "target_missing", detail);
        return;
      }
      const [node, kind] = found;
      this.turn.at = pos;
      flow = pos.flow;
      if (pos.flow === MENU_FLOW && parsed?.node === undefined) this.greeted = true;
      const arrival: Arrival = kind.arrive(node, this.turn);
      if ("to" in arrival) {
        current = arrival.to;
        continue;
      }
      if ("wait" in arrival) {
        const prompt: NodePrompt = { kind: "node", ...pos, seq: this.state.seq + 1, options: [] };
        this.patch({ prompt, seq: prompt.seq, retries: 0 });
        this.sendPrompt();
        return;
      }
      const back = this.state.stack.at(-1);
      if (back) {
        this.patch({ stack: this.state.stack.slice(0, -1) });
        const prompt: NodePrompt = { kind: "node", ...back, seq: this.state.seq + 1, options: [] };
        this.patch({ prompt, seq: prompt.seq, retries: 0 });
        this.sendPrompt();
        return;
      }
      if (!arrival.next) {
        this.patch({ prompt: null });
        return;
      }
      current = arrival.next;
    }
  }
}
