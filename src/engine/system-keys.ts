import type { CaseStatus, UnsupportedKind } from "./types.ts";
import { CASE_STATUSES, FILE_REFUSALS, UNSUPPORTED_KINDS } from "./types.ts";

/** Answer types of `ask` nodes; each has a default hint `system.hint_<type>`. */
export const ASK_INPUTS = ["text", "number", "yesno", "phone", "date", "choice", "media"] as const;
export type AskInput = (typeof ASK_INPUTS)[number];

/**
 * Message keys the engine itself sends. The flow checker requires each of them in every
 * locale and counts them as used.
 */
export const SYSTEM = {
  intro: "system.intro",
  idleRestart: "system.idle_restart",
  stale: "system.stale",
  error: "system.error",
  mediaNotExpected: "system.media_not_expected",
  mediaIdle: "system.media_idle",
  hintMenu: "system.hint_menu_number",
  retryExceeded: "system.retry_exceeded",
  notUnderstood: "system.not_understood",
  didYouMean: "system.did_you_mean",
  optMenu: "system.opt_menu",
  optHuman: "system.opt_human",
  optBack: "system.opt_back",
  yes: "system.yes",
  no: "system.no",
  skip: "system.skip",
  /** The "don't know" answer of a yes/no question that allows it. */
  unknown: "system.unknown",
  /** "Don't know" where the question needs an answer: no blame, the options again. */
  hintUnsure: "system.hint_unsure",
  /** A typed answer that names more than one option. */
  hintAmbiguous: "system.hint_ambiguous",
  /** A question about the topic the user is in that matches none of its answers clearly. */
  hintClosest: "system.hint_closest",
  hintTooLong: "system.hint_too_long",
  hint: (input: AskInput) => `system.hint_${input}`,
  addedToCase: "system.added_to_case",
  forwardedToStaff: "system.forwarded_to_staff",
  flood: "system.flood",
  caseOpenAlready: "system.case_open_already",
  staffReply: "system.staff_reply",
  caseUpdate: "system.case_update",
  caseReferred: "system.case_referred",
  caseClosed: "system.case_closed",
  caseClosedNote: "system.case_closed_note",
  caseStatus: (status: CaseStatus) => `system.case_status_${status}`,
  unsupported: (what: UnsupportedKind) => `system.unsupported_${what}`,
  /** The label of a flow when it is offered as a guess ("did you mean"). */
  flowLabel: (flow: string) => `system.flow_${flow}`,
} as const;

/** Every fixed key in {@link SYSTEM} (flow labels are listed by the checker per flow). */
export function systemKeys(): string[] {
  const keys: string[] = [];
  for (const value of Object.values(SYSTEM)) if (typeof value === "string") keys.push(value);
  for (const what of [...UNSUPPORTED_KINDS, ...FILE_REFUSALS]) keys.push(SYSTEM.unsupported(what));
  for (const input of ASK_INPUTS) keys.push(SYSTEM.hint(input));
  for (const status of CASE_STATUSES) keys.push(SYSTEM.caseStatus(status));
  return keys;
}
