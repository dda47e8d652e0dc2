import * as z from "zod";
import { isDontKnow, isSkip, parseDate, parseNumber, parsePhone, parseYesNo } from "../answers.ts";
import type { Lexicon } from "../deps.ts";
import type { NodeKind, Reply } from "../node-kind.ts";
import { ASK_INPUTS, SYSTEM } from "../system-keys.ts";
import { fold } from "../text.ts";
import type { Turn } from "../turn.ts";
import type { OutOption, UserInput, VarValue } from "../types.ts";
import { messageKey, target, varName } from "./fields.ts";
import { pickOption } from "./menu.ts";

/** Longest free-text answer kept; longer ones are refused with a hint rather than cut. */
export const MAX_TEXT_ANSWER = 2000;

/**
 * `ask` waits for one answer of a given type and stores it in `var`. An invalid answer is
 * re-asked with a hint (the node's `hint`, or the type's default) up to the engine's retry
 * limit. `optional: true` offers a skip option and leaves the variable unset when skipped.
 *
 * "Don't know" (gak tau, ta' onèng …) is never a "no": it skips an optional question; a
 * yes/no question with `unknown: true` offers it as a third answer and stores `unknown` (so
 * branches on `equals: true` / `equals: false` count it as neither); elsewhere the question is
 * asked again, kindly, with its options. A required text question keeps it as the answer.
 *
 * ```yaml
 * country:
 *   type: ask
 *   text: report.ask_country
 *   input: choice
 *   source: countries
 *   var: country
 *   next: since
 * ```
 */
export const AskNode = z
  .strictObject({
    type: z.literal("ask"),
    text: messageKey,
    input: z.enum(ASK_INPUTS),
    var: varName,
    next: target,
    hint: messageKey.optional(),
    optional: z.boolean().optional(),
    /** The answer identifies a person (a name, a phone number): removed when data is erased. */
    personal: z.boolean().optional(),
    /** For `choice`: the reference list to offer (e.g. `countries`). */
    source: z.string().optional(),
    /** For `yesno`: offer "don't know" as a third answer, stored as `unknown`. */
    unknown: z.boolean().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((n) => (n.input === "choice") === (n.source !== undefined), {
    message: "`source` is required for `input: choice` and only allowed there",
    path: ["source"],
  })
  .refine((n) => !n.unknown || n.input === "yesno", {
    message: "`unknown` is only for `input: yesno`",
    path: ["unknown"],
  });
export type AskNode = z.infer<typeof AskNode>;

const SKIP = "skip";
/** The option id and stored value of a "don't know" answer. */
export const UNKNOWN = "unknown";
/** A "don't know" where the question has no such answer: asked again, kindly. */
const UNSURE = Symbol("unsure");

function lexicons(turn: Turn): Lexicon[] {
  return turn.lexicons();
}

function options(node: AskNode, turn: Turn): OutOption[] {
  const list: OutOption[] = [];
  if (node.input === "yesno")
    list.push(turn.option("yes", SYSTEM.yes), turn.option("no", SYSTEM.no));
  if (node.unknown) list.push(turn.option(UNKNOWN, SYSTEM.unknown));
  if (node.input === "choice") {
    for (const item of turn.deps.sources[node.source as string] ?? []) {
      if (!item.hidden) list.push(turn.option(item.id, item.label));
    }
  }
  if (node.optional) list.push(turn.option(SKIP, SYSTEM.skip));
  return list;
}

function parse(node: AskNode, text: string, turn: Turn): VarValue | undefined {
  switch (node.input) {
    case "text":
      return text.trim() || undefined;
    case "number": {
      const n = parseNumber(text);
      if (n === undefined) return undefined;
      if (node.min !== undefined && n < node.min) return undefined;
      if (node.max !== undefined && n > node.max) return undefined;
      return n;
    }
    case "yesno": {
      const folded = text.trim();
      if (folded === "1") return true;
      if (folded === "2") return false;
      if (node.unknown && folded === "3") return UNKNOWN;
      return parseYesNo(text, lexicons(turn));
    }
    case "phone":
      return parsePhone(text);
    case "date":
      return parseDate(text, turn.deps.now);
    case "choice": {
      const items = turn.deps.sources[node.source as string] ?? [];
      // Numbers count the offered buttons; names and aliases reach every item.
      const offered = items.filter((i) => !i.hidden);
      const labels = offered.map((i) => turn.text(i.label));
      const found =
        pickOption(offered, labels, text) ??
        items.find((i) => fold(turn.text(i.label)) === fold(text)) ??
        items.find((i) => i.aliases.some((a) => ` ${fold(text)} `.includes(` ${a} `)));
      return found?.id;
    }
    case "media":
      return undefined;
  }
}

type Answer = VarValue | typeof SKIP | typeof UNSURE | undefined;

/** "Don't know" typed: the answer it stands for at this question. */
function dontKnow(node: AskNode, text: string, turn: Turn): Answer {
  const lex = lexicons(turn);
  if (node.input === "text") {
    // A required text question keeps it as the answer ("sejak kapan?" — "gak tau").
    return node.optional && isDontKnow(text, lex, true) ? SKIP : undefined;
  }
  if (!isDontKnow(text, lex, node.input !== "yesno")) return undefined;
  if (node.input === "yesno" && node.unknown) return UNKNOWN;
  return node.optional ? SKIP : UNSURE;
}

function answerInput(node: AskNode, input: UserInput, turn: Turn): Answer {
  if (input.type === "choice") {
    if (input.id === SKIP && node.optional) return SKIP;
    if (input.id === UNKNOWN && node.unknown) return UNKNOWN;
    if (node.input === "yesno") return input.id === "yes";
    if (node.input === "choice") {
      const items = turn.deps.sources[node.source as string] ?? [];
      return items.some((i) => i.id === input.id) ? input.id : undefined;
    }
    return undefined;
  }
  if (input.type === "media") {
    if (node.input === "media") return [input.media];
    return input.media.caption ? parse(node, input.media.caption, turn) : undefined;
  }
  if (input.type === "text") {
    if (node.optional && isSkip(input.text, lexicons(turn))) return SKIP;
    const unsure = dontKnow(node, input.text, turn);
    if (unsure !== undefined) return unsure;
    if (
      node.optional &&
      node.input !== "text" &&
      input.text.trim() === String(options(node, turn).length)
    ) {
      return SKIP;
    }
    return parse(node, input.text, turn);
  }
  return undefined;
}

export const ask: NodeKind<AskNode> = {
  type: "ask",
  schema: AskNode,
  arrive() {
    return { wait: true };
  },
  ask(node, turn) {
    const list = options(node, turn);
    return list.length
      ? { text: turn.text(node.text), options: list }
      : { text: turn.text(node.text) };
  },
  answer(node, input, turn): Reply {
    if (input.type === "text" && node.input === "text" && input.text.length > MAX_TEXT_ANSWER) {
      return { invalid: SYSTEM.hintTooLong, params: { max: MAX_TEXT_ANSWER } };
    }
    const value = answerInput(node, input, turn);
    if (value === UNSURE) return { invalid: SYSTEM.hintUnsure };
    if (value === undefined) {
      if (input.type === "media" && node.input !== "media" && !input.media.caption) {
        return { invalid: SYSTEM.mediaNotExpected };
      }
      return { invalid: node.hint ?? SYSTEM.hint(node.input) };
    }
    if (value !== SKIP) turn.set(node.var, value);
    return { to: node.next };
  },
  outline(node) {
    const keys = [node.text];
    if (node.hint) keys.push(node.hint);
    return {
      exits: [{ to: node.next, sets: node.optional ? [] : [node.var] }],
      keys,
      waits: true,
      ends: false,
    };
  },
};
