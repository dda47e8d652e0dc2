import type { SessionState } from "../engine/types.ts";
import type { NodeCount } from "../store/flow-stats.ts";

/**
 * What one message did to the questions of flows, for the drop-off statistics: a new question
 * asked is `reached` (and an `entry` when it starts a flow), a question left behind is
 * `answered` — unless it had gone stale (the person stopped answering and the session restarted
 * at the menu), which is the abandonment the statistics look for. A repeated question (same
 * prompt number) counts nothing. Cheap: compares two states, no I/O.
 */
export function promptMoves(
  prev: SessionState | null,
  next: SessionState,
  now: number,
  idleMs: number,
): NodeCount[] {
  const before = prev?.prompt?.kind === "node" ? prev.prompt : undefined;
  const after = next.prompt?.kind === "node" ? next.prompt : undefined;
  if (before && after && before.seq === after.seq) return [];
  const counts: NodeCount[] = [];
  const stale = prev !== null && prev.mode === "bot" && now - prev.lastActive > idleMs;
  if (before && !stale) counts.push({ flow: before.flow, node: before.node, answered: true });
  if (after) {
    const entry = !before || stale || before.flow !== after.flow;
    counts.push({ flow: after.flow, node: after.node, reached: true, entry });
  }
  return counts;
}
