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
  /** Accepted when typed, but not offered as a button (keeps a long list short on a phone). */
  hidden?: boolean;
}

/** One line of help in a place: a message key and the values it shows. */
export interface HelpLineText {
  /** Message key, e.g. `places.line_emergency`. */
  key: string;
  params: Record<string, string>;
  /** Dated or single-source: the line is shown with "please check again". */
  recheck: boolean;
  /** What kind of help it is, so a flow can show only some (`emergency` in a crisis). */
  kind: "emergency" | "mission" | "workers";
}

/** The help that works in one place (a country, or Indonesia), ready to render. */
export interface PlaceHelp {
  /** Message key of the place's name. */
  label: string;
  lines: HelpLineText[];
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
  /**
   * A danger rule fired: the flow starts at once, before any greeting, even in the middle of
   * another flow (and the emergency flow stands in when `flow` is not loaded).
   */
  urgent?: boolean;
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
/** When staff read cases (STAFF_HOURS), as the engine needs it. */
export interface StaffHours {
  /** The hours as configured, shown to users, e.g. "Senin–Jumat 08.00–16.00 WIB". */
  text: string;
  /** Whether staff are at work at `now` (ms since the epoch). */
  isOpen(now: number): boolean;
  /** When staff are next at work after `now`, e.g. "Senin 08.00 WIB". */
  nextOpen(now: number): string;
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
  /** When staff read cases; undefined when not configured (texts then promise no time). */
  staffHours?: StaffHours | undefined;
  /** Days after a case is closed that its conversation is kept (RETENTION_DAYS). */
  retentionDays?: number;
  /**
   * The entry links of the general outreach source, one per line, per language (the `share`
   * flow's `{{service.share_links}}`).
   */
  shareLinks?: Partial<Record<Lang, string>>;
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
  /** The help that works in each place, by place id (see the `helplines` node). */
  places?: Record<string, PlaceHelp>;
  /** Reference data available to messages, e.g. `{{contacts.imigrasi.name}}`. */
  params: Record<string, unknown>;
  commands: Command[];
  understand: Understand | undefined;
  /** Optional: without it, typed answers are compared word by word as written. */
  sense?: WordSense | undefined;
}
