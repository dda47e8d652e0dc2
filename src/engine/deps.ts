import type { FlowSet } from "./flow.ts";
import type { Lang, Vars } from "./types.ts";

/** Renders a message key in a language. Must be pure: same inputs, same text. */
export type Translator = (lang: Lang, key: string, params?: Record<string, unknown>) => string;

/** One entry of a reference list (countries …) that an `ask` node can offer. */
export interface ChoiceItem {
  id: string;
  /** Message key of the label. */
  label: string;
  /** Other ways people write it ("malay", "arab"), already folded. */
  aliases: string[];
}

/**
 * Words that answer yes/no questions, skip an optional one or say "I don't know", per
 * language, already folded.
 */
export interface Lexicon {
  yes: string[];
  no: string[];
  skip: string[];
  /** "Don't know" (gak tau, tidak tahu, ta' onèng …): never a "no". */
  unknown: string[];
}

/** A global command: words that work anywhere, and where they lead. */
export interface Command {
  name: string;
  /** Whole messages that trigger it (folded), e.g. `menu`, `0`, `bahasa`. */
  words: string[];
  /** Leading words that trigger it with an argument, e.g. `cek` in `cek JR-7Q3K`. */
  prefixes: string[];
  /** Variable that receives the argument of a prefix command. */
  argVar: string | undefined;
  /**
   * What a prefix command's argument must look like (e.g. a case reference), so that "cek
   * paspor" is not taken for "check case PASPOR" and goes on to be understood as text.
   */
  argPattern?: RegExp | undefined;
  target: string;
  /** Interruptions return to the pending question when their flow ends. */
  interrupt: boolean;
}

/** How sure the matcher is. */
export type Confidence = "high" | "medium" | "low";

/** The free-text matcher's answer. */
export interface Understanding {
  /** Best flow, or null when out of scope. */
  flow: string | null;
  confidence: Confidence;
  /** Runner-up flows for "did you mean". */
  alternatives: string[];
  /** Language the text seems to be written in, if clear. */
  lang: Lang | undefined;
  /** Answers the text already gives (e.g. what happened), to skip questions. */
  vars: Vars;
  /**
   * The danger rule that fired, if any: `flow` is then the flow that rule starts (the engine
   * falls back to the emergency flow when that flow does not exist).
   */
  danger?: string | undefined;
}

/** Matches free text to a flow. Supplied by the understanding module; optional for the engine. */
export type Understand = (text: string, lang: Lang) => Understanding;

/**
 * Reads what words mean, so typed answers can name an option in other words than its label
 * ("putra" for "Anak saya", "ana'" for "Ana' kaulâ"). Supplied by the understanding module.
 */
export interface WordSense {
  /**
   * The words of a text that carry meaning, each written one way for its meaning (synonyms and
   * both languages made one); small words (saya, yang, di …) left out.
   */
  words(text: string): string[];
  /**
   * How well `text` matches each document (0 = not at all), e.g. a question against the
   * texts behind a menu's options.
   */
  relevance(text: string, documents: readonly string[]): number[];
}
/** Tunables the engine reads. */
export interface EngineSettings {
  defaultLang: Lang;
  /** A session idle longer than this restarts at the menu. */
  idleMs: number;
  /** Steps allowed per inbound message before the engine gives up (loop guard). */
  maxSteps: number;
  /** Invalid answers to one question before the user is offered the menu or a person. */
  maxRetries: number;
}

/** Everything the engine needs, injected so that a step is a pure function. */
export interface EngineDeps {
  flows: FlowSet;
  t: Translator;
  /** The clock, in ms since the epoch. */
  now: number;
  /** Generates a fresh case reference. */
  newCaseRef: () => string;
  settings: EngineSettings;
  lexicon: Record<Lang, Lexicon>;
  sources: Record<string, ChoiceItem[]>;
  /** Reference data available to messages, e.g. `{{contacts.imigrasi.name}}`. */
  params: Record<string, unknown>;
  commands: Command[];
  understand: Understand | undefined;
  /** Optional: without it, typed answers are compared word by word as written. */
  sense?: WordSense | undefined;
}
