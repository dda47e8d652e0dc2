/**
 * The engine's vocabulary: what comes in (a user's input), what the engine remembers between
 * messages (the session state) and what it asks its host to do (effects). Everything here is
 * plain JSON-serialisable data so the runtime can store it and tests can compare it.
 */

/** The languages the bot speaks. `mad` is Madurese, `id` Indonesian. */
export const LANGS = ["id", "mad"] as const;
export type Lang = (typeof LANGS)[number];

/** Type guard for {@link Lang}. */
export function isLang(value: unknown): value is Lang {
  return value === "id" || value === "mad";
}

/** Kinds of media a user can send. Stickers and locations are not answers to anything. */
export const MEDIA_KINDS = ["photo", "voice", "audio", "video", "document"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Things people send that the bot cannot use as an answer, but must still acknowledge. */
export const UNSUPPORTED_KINDS = ["sticker", "location", "contact", "poll", "other"] as const;
/**
 * Files a channel refused, by why: too large, bytes that do not match the declared type, or a
 * type not accepted at all, or a full media folder. The person is told which, so they know what to send instead.
 */
export const FILE_REFUSALS = ["file_too_large", "file_mismatch", "file_type", "file_full"] as const;
export type UnsupportedKind = (typeof UNSUPPORTED_KINDS)[number] | (typeof FILE_REFUSALS)[number];

/** A piece of media as the channel described it; the file itself stays with the channel. */
export interface MediaRef {
  kind: MediaKind;
  /** The channel's own handle for the file (Telegram file_id, a stored path …). */
  fileId?: string;
  mime?: string;
  size?: number;
  caption?: string;
  fileName?: string;
  /** Where the channel stored a downloaded copy, if it keeps one (deleted with the user's data). */
  path?: string;
}

/** One input from a user, already translated from the channel's format. */
export type UserInput =
  | { type: "text"; text: string }
  /**
   * A tapped option. `prompt` is the prompt sequence number the option belonged to, if known;
   * `label` is the button's text as the person saw it (kept for staff reading the log).
   */
  | { type: "choice"; id: string; prompt?: number; label?: string }
  | { type: "media"; media: MediaRef }
  /** `caption`: text sent with a refused file; it is read after the notice. */
  | { type: "unsupported"; what: UnsupportedKind; caption?: string }
  /** A start command, optionally with a deep-link payload naming a flow. */
  | { type: "start"; payload?: string };

/** A variable's value. Media answers are stored as lists of references. */
export type VarValue = string | number | boolean | null | string[] | MediaRef[];
export type Vars = Record<string, VarValue>;

/** Who handles a user's messages right now (see the staff desk). */
export type Mode = "bot" | "awaiting_staff" | "staff_active";

/** A place in a flow. */
export interface Position {
  flow: string;
  node: string;
}

/** What the engine is waiting for. `seq` identifies the prompt so stale taps can be recognised. */
export type Prompt = NodePrompt | SystemPrompt;

/** Waiting at a `menu` or `ask` node of a flow. */
export interface NodePrompt {
  kind: "node";
  flow: string;
  node: string;
  seq: number;
  options: string[];
}

/**
 * A question the engine asks by itself (e.g. after too many invalid answers): a text and
 * options, each leading to a target.
 */
export interface SystemPrompt {
  kind: "system";
  name: string;
  seq: number;
  /** Message key of the question. */
  text: string;
  options: string[];
  /** Message keys of the option labels. */
  labels: string[];
  targets: string[];
  /**
   * Variables to set when one of `carry.options` is chosen: what the matched text already said
   * (the message itself, what happened …), so the chosen flow need not ask again.
   */
  carry?: { options: string[]; vars: Vars };
  /** The question the user left, to come back to when an offered flow is chosen. */
  resume?: Resume;
}

/**
 * A question the user left for another topic (free text there was about something else), with
 * what they had answered so far: offered as "back to the question" and returned to when the
 * other flow ends.
 */
export interface Resume {
  at: Position;
  vars: Vars;
}

/** Everything the engine remembers about one user between messages. */
export interface SessionState {
  v: 1;
  lang: Lang;
  /** True once the user picked a language (or used one explicitly). */
  langChosen: boolean;
  /** The prompt the user is expected to answer, or null when idle. */
  prompt: Prompt | null;
  /** Where to come back to after an interruption (language, help). Innermost last. */
  stack: Position[];
  vars: Vars;
  /** Invalid answers given to the current prompt. */
  retries: number;
  /** Counter for prompt sequence numbers. */
  seq: number;
  /** Time of the last handled input, in ms since the epoch. */
  lastActive: number;
  mode: Mode;
  /** The case the user is waiting on (or talking to staff about), while `mode` is not `bot`. */
  openCase?: string | null;
  /** When the bot last acknowledged an addition to the open case (to avoid repeating itself). */
  ackedAt?: number;
  /** The question left for another topic, while the user is in that topic. */
  resume?: Resume | undefined;
}

/** One option offered to the user. */
export interface OutOption {
  id: string;
  label: string;
}

/** A message for the user, already rendered in their language. */
export interface OutMessage {
  text: string;
  options?: OutOption[];
  /** The prompt the options belong to; channels may embed it in buttons. */
  prompt?: number;
  /** Media to send with the text as its caption (e.g. a report's photo relayed to staff). */
  media?: MediaRef;
  /**
   * Commands staff can run on this message by tapping (a case card's take and close), by id.
   * Channels with buttons show them as buttons; elsewhere the text itself names the commands.
   */
  actions?: OutOption[];
}

/** A case the engine wants opened for staff. */
export interface CaseDraft {
  ref: string;
  kind: "report" | "question" | "emergency";
  category: string;
  priority: "urgent" | "high" | "normal";
  /** Collected answers, by variable name. */
  answers: Vars;
  /** Answer names that identify a person; removed if the reporter erases their data. */
  personal: string[];
  /** The flow that opened the case. */
  flow: string;
}

/** The life of a case, as staff move it along. */
export const CASE_STATUSES = [
  "new",
  "claimed",
  "waiting",
  "referred",
  "resolved",
  "closed",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What a user may see of one of their own cases. */
export interface CaseSummary {
  ref: string;
  kind: CaseDraft["kind"];
  status: CaseStatus;
  /** ms since the epoch. */
  createdAt: number;
  /** The office a case was referred to, if any. */
  office?: string | undefined;
}

/** Something the host must do after a step. The engine itself never does I/O. */
export type Effect =
  | { type: "reply"; message: OutMessage }
  | { type: "open_case"; draft: CaseDraft }
  | { type: "attach"; media: MediaRef }
  /** Something the user wrote for the staff handling their open case. */
  | { type: "case_message"; ref: string; text?: string; media?: MediaRef }
  | { type: "language"; lang: Lang }
  | { type: "erase_user" }
  | {
      type: "log";
      level: "info" | "warn" | "error";
      event: string;
      detail?: Record<string, string | number>;
    };

/** A change to a case made by staff, to be told to its reporter. */
export type CaseUpdate =
  /** A staff member's message for the reporter. */
  | { type: "reply"; ref: string; text?: string; media?: MediaRef }
  /** A new status; `office` for referrals, `note` a closing word from staff. */
  | { type: "status"; ref: string; status: CaseStatus; office?: string; note?: string };

/** What {@link step} returns: the state to store and the effects to carry out, in order. */
export interface StepResult {
  state: SessionState;
  effects: Effect[];
}
