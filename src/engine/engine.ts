/**
 * The step machine: (session state, one input, injected clock and ids) → (new state, effects).
 * It never touches a database, a network or a channel; the runtime carries out the effects.
 */
import type { CommandHit } from "./commands.ts";
import type { EngineDeps, Understanding } from "./deps.ts";
import type { Node } from "./flow.ts";
import type { Arrival, NodeKind } from "./node-kind.ts";
import { kindOf } from "./nodes/index.ts";
import { pickOption } from "./option-names.ts";
import { commandRoute, EMERGENCY_FLOW, MENU_FLOW, type Route, understandText } from "./routing.ts";
import { newSession } from "./session.ts";
import { SYSTEM } from "./system-keys.ts";
import { parseTarget, positionTarget, type Target } from "./target.ts";
import { clip, fold } from "./text.ts";
import { topicAnswers } from "./topic-answers.ts";
import { Turn } from "./turn.ts";
import type {
  CaseSummary,
  Effect,
  Lang,
  NodePrompt,
  Position,
  Resume,
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

/** The flow every conversation falls back to; the flow for someone in danger now. */
export { EMERGENCY_FLOW, MENU_FLOW };
/** The flow that puts the user in touch with a person. */
export const HUMAN_FLOW = "human";
/** The variable a danger message fills with where the person in danger is now. */
export const DANGER_PLACE = "where";
/** The variable a danger message sets when it also says someone is hurting the person. */
export const DANGER_HURT = "hurt";
const MAX_STACK = 4;
/** The option that goes back to a question left for another topic. */
export const RESUME_OPTION = "resume";
/** A topic answer is chosen when it scores this many times the runner-up. */
const CLEAR_LEAD = 1.5;
/** A typed answer of this many words or more is read again as a question (see `rethink`). */
const SHORT_ANSWER_WORDS = 3;
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
  // A first message always says what this service is, even when it goes straight to a flow —
  // except in danger: then the first message the person sees holds the numbers to call.
  const effects =
    prev === null && !machine.greeted && !machine.inDanger
      ? [intro(turn), ...turn.effects]
      : turn.effects;
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
  /** True once a danger rule started a flow in this step. */
  inDanger = false;

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
      const route = commandRoute(this.deps, text);
      if (route?.kind === "command") {
        this.command(route.hit);
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
    if (this.picksResume(prompt, input)) {
      this.resume();
      return;
    }
    this.answerNode(prompt, input);
  }

  /** True when the input chooses "back to the question" added to this prompt. */
  private picksResume(prompt: NodePrompt, input: UserInput): boolean {
    if (!this.state.resume || prompt.options.at(-1) !== RESUME_OPTION) return false;
    if (input.type === "choice") return input.id === RESUME_OPTION;
    if (input.type !== "text") return false;
    const ids = prompt.options.map((id) => ({ id }));
    const labels = prompt.options.map((id) =>
      id === RESUME_OPTION ? this.turn.text(SYSTEM.optBack) : "",
    );
    return pickOption(ids, labels, input.text)?.id === RESUME_OPTION;
  }

  /** Goes back to the question left for another topic, with what was answered before it. */
  private resume(): void {
    const saved = this.state.resume;
    if (!saved) return;
    this.turn.log("info", "resumed");
    this.patch({ resume: undefined, vars: saved.vars, stack: [], retries: 0 });
    const prompt: NodePrompt = { kind: "node", ...saved.at, seq: this.state.seq + 1, options: [] };
    this.patch({ prompt, seq: prompt.seq });
    this.sendPrompt();
  }

  private isCurrent(option: string, seq: number | undefined): boolean {
    const prompt = this.state.prompt;
    if (!prompt) return false;
    if (seq !== undefined && seq !== prompt.seq) return false;
    return prompt.options.includes(option);
  }

  /** Forgets the conversation's place (and, when `vars`, what it collected). */
  private reset(vars: boolean): void {
    this.patch({
      prompt: null,
      stack: [],
      retries: 0,
      ...(vars ? { vars: {}, resume: undefined } : {}),
    });
  }

  private startCommand(payload: string | undefined): void {
    this.reset(true);
    const flow = payload && this.deps.flows.has(payload) ? payload : MENU_FLOW;
    if (payload && flow !== payload) this.turn.log("warn", "unknown_start_payload");
    this.go(`@${flow}`);
  }

  /**
   * Outside any flow, while a case is open, what the user writes is for staff: it is added to
   * the case. The bot says so, at most every few minutes: while waiting for a first answer
   * with what happens next; once staff are talking with the user, in one short line, so a
   * person who writes after staff replied still knows their message arrived.
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
    const recently = this.deps.now - (this.state.ackedAt ?? 0) < ACK_EVERY_MS;
    if (recently && input.type !== "choice") return;
    const ack = this.state.mode === "staff_active" ? SYSTEM.forwardedToStaff : SYSTEM.addedToCase;
    this.turn.say(ack, { case_ref: ref });
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
    this.follow(understandText(this.deps, text, this.state.lang), undefined, text, (result) => {
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

  /** A language the text clearly shows becomes the user's, until they choose one. */
  private adoptLanguage(result: Understanding | undefined): void {
    if (result && !this.state.langChosen && result.lang && result.lang !== this.state.lang) {
      this.patch({ lang: result.lang });
      this.turn.emit({ type: "language", lang: result.lang });
    }
  }

  /**
   * Carries out a routing decision for free text. `here` is the question the text was typed at
   * (none when nothing was pending). Danger starts its flow at once (interrupting a question);
   * a sure match for another flow switches to it with a way back; a text about the flow the
   * user is in is answered there; "did you mean" offers the guesses (with a way back to `here`,
   * or the menu); anything else calls `otherwise`. A flow started from free text starts clean:
   * only what this text said is set, never what an earlier conversation left behind.
   */
  private follow(
    route: Route,
    here: Position | undefined,
    text: string,
    otherwise: (result: Understanding | undefined) => void,
  ): void {
    const result = route.kind === "command" ? undefined : route.result;
    this.adoptLanguage(result);
    if (route.kind === "command") {
      this.command(route.hit);
      return;
    }
    if (route.kind === "start" && route.danger && here?.flow === route.flow) {
      otherwise(result); // already in that flow: never started twice
      return;
    }
    if (route.kind === "start") {
      this.turn.log("info", "understood", { flow: route.flow, confidence: "high" });
      if (route.danger) this.inDanger = true;
      if (route.danger && here) this.emergency(here, route.flow, route.result.vars);
      else this.start(route.flow, route.result.vars, here && this.leaving(here));
      return;
    }
    if (route.kind === "here" && here) {
      if (this.answerHere(here, text, route.result)) return;
      this.invalid(SYSTEM.hintClosest);
      return;
    }
    if (route.kind === "offer") {
      this.turn.log("info", "understood", { flow: route.flows.join(","), confidence: "medium" });
      const way = here
        ? { id: "back", label: SYSTEM.optBack, target: positionTarget(here) }
        : { id: "menu", label: SYSTEM.optMenu, target: `@${MENU_FLOW}` };
      const leaving = here && this.leaving(here);
      this.reset(false);
      this.systemPrompt(
        "did_you_mean",
        SYSTEM.didYouMean,
        [...route.flows.map((f) => ({ id: f, label: SYSTEM.flowLabel(f), target: `@${f}` })), way],
        { options: route.flows, vars: route.result.vars },
        leaving,
      );
      return;
    }
    if (result) this.turn.log("info", "not_understood");
    otherwise(result);
  }

  /** The question at `here`, with what was answered so far, to come back to later. */
  private leaving(here: Position): Resume {
    return { at: here, vars: this.state.vars };
  }

  /**
   * A question about the topic the user is in: the answer it matches best among the topic's own
   * answers and those of the other topics the matcher thought of, if one clearly does
   * ("biaya ke malaysia brp" in the costs menu → the costs that may be charged, which depend on
   * the country; "berapa biaya paspor" → the passport fee). An answer in another topic is
   * reached with a way back. True when it was answered.
   */
  private answerHere(here: Position, text: string, result: Understanding): boolean {
    const sense = this.deps.sense;
    if (!sense) return false;
    const flows = [here.flow, ...result.alternatives].filter(
      (f, i, all) => all.indexOf(f) === i && f !== MENU_FLOW,
    );
    const answers = flows.flatMap((id) => {
      const flow = this.deps.flows.get(id);
      return flow ? topicAnswers(flow).map((a) => ({ ...a, flow: id })) : [];
    });
    if (answers.length === 0) return false;
    const asked = clip(text);
    const bodies = sense.relevance(
      asked,
      answers.map((a) => a.keys.map((k) => this.turn.text(k)).join("\n")),
    );
    // An option's label names what its answer is about: matching it counts once more.
    const labels = sense.relevance(
      asked,
      answers.map((a) => this.turn.text(a.keys[0] ?? "")),
    );
    // No bonus for the topic the user is in: "berapa biaya paspor" in the costs menu must still
    // reach the passport fee. A named place is matched as that place (see the matcher), so a
    // note about Taiwan does not answer a question about Malaysia.
    const scores = bodies.map((score, i) => score + (labels[i] ?? 0));
    const order = scores.map((score, i) => ({ score, i })).sort((a, b) => b.score - a.score);
    const [best, second] = order;
    if (!best || best.score <= 0) return false;
    if (second && best.score < CLEAR_LEAD * second.score) return false;
    const answer = answers[best.i];
    if (!answer) return false;
    this.turn.log("info", "answered_in_topic", { flow: answer.flow });
    if (answer.flow === here.flow) {
      this.patch({ prompt: null, retries: 0 });
      this.go(answer.target, here.flow);
      return true;
    }
    const resume = this.leaving(here);
    this.reset(true);
    this.patch({ resume });
    for (const [name, value] of Object.entries(result.vars)) this.turn.set(name, value);
    this.go(answer.target);
    return true;
  }

  /**
   * Starts `flow` afresh with `vars` (what the user's text already told us). With `resume`,
   * the question the user left is offered as a way back while they are in `flow`.
   */
  private start(flow: string, vars: Vars, resume?: Resume): void {
    this.reset(true);
    if (resume) this.patch({ resume });
    for (const [name, value] of Object.entries(vars)) this.turn.set(name, value);
    this.go(`@${flow}`);
  }

  /**
   * Danger words in an answer that does not fit the question go to their flow (emergency or
   * crisis) at once; an answer that fits, such as a free-text description, is kept as the
   * answer. Inside that same flow they change nothing.
   */
  private urgent(input: UserInput, prompt: NodePrompt): boolean {
    if (input.type !== "text") return false;
    const here = { flow: prompt.flow, node: prompt.node };
    const route = understandText(this.deps, input.text, this.state.lang, here);
    if (route.kind !== "start" || !route.danger || route.flow === prompt.flow) return false;
    if (!this.deps.flows.has(route.flow)) return false;
    this.inDanger = true;
    this.emergency(here, route.flow, route.result.vars);
    return true;
  }

  /**
   * Danger in the middle of a flow: the emergency (or crisis) flow runs at once, and the
   * question it interrupted is asked again afterwards, so nothing already answered (a report)
   * is lost.
   */
  private emergency(here: Position, flow: string, vars: Vars): void {
    this.turn.log("info", "danger_mid_flow");
    this.interrupt(here);
    // Only where the person in danger is (and whether someone hurts them): the interrupted
    // flow's own answers stay as they are.
    this.turn.set(DANGER_PLACE, typeof vars[DANGER_PLACE] === "string" ? vars[DANGER_PLACE] : "");
    this.turn.set(DANGER_HURT, vars[DANGER_HURT] === true);
    this.go(`@${flow}`);
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
      if (prompt.resume) this.patch({ resume: prompt.resume });
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
    const here = { flow: prompt.flow, node: prompt.node };
    this.turn.at = here;
    const before = this.state.vars;
    const reply = kind.answer?.(node, input, this.turn) ?? { invalid: SYSTEM.hintMenu };
    const text = input.type === "text" ? input.text : "";
    if ("to" in reply) {
      if (reply.loose && this.rethink(node, here, text, before)) return;
      this.patch({ prompt: null, retries: 0 });
      this.go(reply.to, prompt.flow);
      return;
    }
    if ("unmatched" in reply) {
      const route = understandText(this.deps, text, this.state.lang, here);
      if (reply.ambiguous && (route.kind === "offer" || route.kind === "none")) {
        this.invalid(SYSTEM.hintAmbiguous);
        return;
      }
      this.follow(route, here, text, (result) => {
        // "Pilihan itu tidak ada" only for what looks like a mistyped choice (or when there is
        // no matcher to tell).
        if (!result || wordCount(text) <= 1) {
          this.invalid(SYSTEM.hintMenu, { max: prompt.options.length });
        } else this.notUnderstoodHere(here, result);
      });
      return;
    }
    if (this.urgent(input, prompt)) return;
    // A question typed at a question with set answers (yes/no, a list): a sure match for
    // another topic goes there, with a way back.
    // ("Don't know" is an answer understood: it is asked again kindly, never rerouted.)
    if (
      input.type === "text" &&
      node.type === "ask" &&
      node.input !== "text" &&
      reply.invalid !== SYSTEM.hintUnsure &&
      wordCount(text) >= SHORT_ANSWER_WORDS
    ) {
      const route = understandText(this.deps, text, this.state.lang, here);
      if (route.kind === "start") {
        this.follow(route, here, text, () => undefined);
        return;
      }
    }
    this.invalid(reply.invalid, reply.params);
    return;
  }

  /**
   * A typed answer that only named an option ("Anak saya Siti, …") is read once more as a
   * message: danger goes first; a longer text that is a question the topic answers is answered
   * ("biaya ke malaysia brp" names "Soal biaya yang lain" by its word "biaya"); in a menu of
   * topics or of a topic's parts (a menu that records no answer), a longer text that clearly
   * asks for another topic goes there, with a way back. True when it was
   * routed (what the answer set is undone).
   */
  private rethink(node: Node, here: Position, text: string, before: Vars): boolean {
    const route = understandText(this.deps, text, this.state.lang, here);
    if (route.kind === "start" && route.danger) {
      this.patch({ vars: before });
      this.follow(route, here, text, () => undefined);
      return true;
    }
    if (wordCount(text) < SHORT_ANSWER_WORDS) return false;
    const topics =
      node.type === "menu" &&
      node.options.filter((o) => o.next.startsWith("@")).length * 2 > node.options.length;
    // A topic's own menu records nothing: a word of one of its labels ("pulang" in "biaya
    // pemulangan jenazah …" at the detained menu) is weaker than a sure match for another topic.
    // A menu whose options are answers (a report's "who") keeps the option named.
    const parts =
      node.type === "menu" && node.options.every((o) => Object.keys(o.set ?? {}).length === 0);
    if (route.kind === "start" && (topics || parts)) {
      this.patch({ vars: before });
      this.follow(route, here, text, () => undefined);
      return true;
    }
    if (route.kind !== "here") return false;
    const named = this.state.vars;
    this.patch({ vars: before });
    if (this.answerHere(here, text, route.result)) return true;
    this.patch({ vars: named });
    return false;
  }

  /**
   * Text at a question that is neither an answer nor understood: say so, with the way back to
   * the question, the menu and a person (who gets the text).
   */
  private notUnderstoodHere(here: Position, result: Understanding | undefined): void {
    const retries = this.state.retries + 1;
    this.patch({ retries });
    const human = this.deps.flows.has(HUMAN_FLOW)
      ? [{ id: "human", label: SYSTEM.optHuman, target: `@${HUMAN_FLOW}` }]
      : [];
    this.systemPrompt(
      "not_understood",
      SYSTEM.notUnderstood,
      [
        { id: "back", label: SYSTEM.optBack, target: positionTarget(here) },
        { id: "menu", label: SYSTEM.optMenu, target: `@${MENU_FLOW}` },
        ...human,
      ],
      result?.vars && human.length ? { options: ["human"], vars: result.vars } : undefined,
      this.leaving(here),
    );
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
    resume?: Resume,
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
      ...(resume ? { resume } : {}),
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
    let message = kind.ask?.(node, this.turn);
    if (!message) {
      this.lost("node_cannot_ask");
      return;
    }
    // In another topic, a question left there stays one tap away.
    const resume = this.state.resume;
    if (resume && message.options && prompt.flow !== resume.at.flow) {
      const back = this.turn.option(RESUME_OPTION, SYSTEM.optBack);
      message = { ...message, options: [...message.options, back] };
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
      // Back at the main menu, the user has left the question behind.
      if (pos.flow === MENU_FLOW) this.patch({ resume: undefined });
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
      // The topic the user went to is over: back to the question they left.
      if (this.state.resume) {
        this.resume();
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

/** How many words a text has. */
function wordCount(text: string): number {
  return fold(text).split(" ").filter(Boolean).length;
}
