import type { SessionState } from "../engine/types.ts";
import type { NodeCount } from "../store/flow-stats.ts";

/** The flow a danger rule starts, and the question that asks for consent there. */
const EMERGENCY = "emergency";
const CONSENT = "consent";
/** Flow names under which the per-rule counters are kept in the flow statistics. */
export const DANGER_RULE_FLOW_PREFIX = "danger:";
/** The counters kept per rule (as nodes of `danger:<rule>`, counted in `reached`). */
export type DangerOutcome = "started" | "declined" | "left";

/**
 * What one message did to an emergency a danger rule started (its name is in the session's
 * `danger_rule`, set by the matcher), for the console's per-rule statistics: the rule
 * `started` it (its first question was asked), the person `declined` (said no at consent), or
 * `left` the question for something else — what someone does when the alarm was a
 * misunderstanding. Kept as anonymous day counters in `flow_stats`; cheap, no I/O.
 */
export function dangerMoves(prev: SessionState | null, next: SessionState): NodeCount[] {
  const inEmergency = (s: SessionState | null) =>
    s?.prompt?.kind === "node" && s.prompt.flow === EMERGENCY;
  const atConsent = (s: SessionState | null) =>
    inEmergency(s) && s?.prompt?.kind === "node" && s.prompt.node === CONSENT;
  const count = (rule: unknown, outcome: DangerOutcome): NodeCount[] =>
    typeof rule === "string" && rule
      ? [{ flow: `${DANGER_RULE_FLOW_PREFIX}${rule}`, node: outcome, reached: true }]
      : [];
  // Started: the emergency flow's first question (where the person is, or consent) is asked.
  if (inEmergency(next) && !inEmergency(prev)) return count(next.vars.danger_rule, "started");
  if (!inEmergency(prev) || inEmergency(next)) return [];
  const rule = prev?.vars.danger_rule;
  if (atConsent(prev) && next.vars.consent === false) return count(rule, "declined");
  // Left before saying yes: the person went to something else (often: it was no emergency).
  return next.vars.consent === true ? [] : count(rule, "left");
}
