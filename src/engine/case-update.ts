import type { EngineDeps } from "./deps.ts";
import { SYSTEM } from "./system-keys.ts";
import { Turn } from "./turn.ts";
import type { CaseUpdate, OutMessage, SessionState, StepResult } from "./types.ts";

/**
 * Tells a reporter what staff did with their case, in the reporter's language, and moves their
 * session between modes: a staff reply or a claim means a person is now talking with them
 * (`staff_active`); a resolved or closed case gives the conversation back to the bot.
 * Pure, like {@link step}.
 */
export function applyCaseUpdate(
  deps: EngineDeps,
  state: SessionState,
  update: CaseUpdate,
): StepResult {
  const turn = new Turn(deps, { ...state });
  const ref = update.ref;
  const current = state.openCase ?? null;
  const mine = current === null || current === ref;
  if (update.type === "reply") {
    const message: OutMessage = {
      text: turn.text(SYSTEM.staffReply, { case_ref: ref, text: update.text ?? "" }),
    };
    if (update.media) message.media = update.media;
    turn.reply(message);
    // The person's next message after a staff reply is acknowledged, however recent the last
    // acknowledgement was: they should know their answer reached staff.
    if (mine)
      turn.state = { ...turn.state, mode: "staff_active", openCase: ref, ackedAt: undefined };
    return { state: turn.state, effects: turn.effects };
  }
  const status = update.status;
  if (status === "resolved" || status === "closed") {
    turn.say(SYSTEM.caseClosed, { case_ref: ref, status: turn.text(SYSTEM.caseStatus(status)) });
    if (update.note) turn.say(SYSTEM.caseClosedNote, { text: update.note });
    if (current === ref) turn.state = { ...turn.state, mode: "bot", openCase: null };
  } else if (status === "referred") {
    turn.say(SYSTEM.caseReferred, { case_ref: ref, office: update.office ?? "" });
  } else {
    turn.say(SYSTEM.caseUpdate, { case_ref: ref, status: turn.text(SYSTEM.caseStatus(status)) });
    if (mine && (status === "claimed" || status === "waiting")) {
      turn.state = { ...turn.state, mode: "staff_active", openCase: ref };
    }
  }
  return { state: turn.state, effects: turn.effects };
}
