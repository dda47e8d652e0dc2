/**
 * Which variables are surely set on entry to each node (a must-analysis: the intersection over
 * every way in), so a message never shows an unset `{{variable}}`.
 */
import type { CheckContext } from "./context.ts";
import type { Graph, NodeId } from "./graph.ts";

/** Variables surely set on entry, or "all" for a node nothing reaches within its flow. */
export type Assigned = Set<string> | "all";

/**
 * Nodes entered from outside their flow, where nothing is set yet: every flow's start, what
 * commands lead to, and every target of an exit that crosses flows.
 */
export function entryNodes(context: CheckContext): Set<NodeId> {
  const entries = new Set<NodeId>(context.roots);
  for (const flow of context.input.flows.flows.values()) entries.add(`${flow.id}.${flow.start}`);
  for (const [from, edges] of context.graph.edges) {
    for (const e of edges) if (e.to.split(".")[0] !== from.split(".")[0]) entries.add(e.to);
  }
  return entries;
}

/**
 * Variables surely set on entry to each node, per flow. A flow's start, and any node entered
 * from outside the flow, starts empty.
 */
export function assignedOnEntry(graph: Graph, entries: Set<NodeId>): Map<NodeId, Assigned> {
  const state = new Map<NodeId, Assigned>();
  for (const key of graph.nodes.keys()) state.set(key, entries.has(key) ? new Set() : "all");
  const preds = new Map<NodeId, { from: NodeId; sets: string[] }[]>();
  for (const [from, edges] of graph.edges) {
    const flow = from.split(".")[0];
    for (const e of edges) {
      if (e.to.split(".")[0] !== flow) continue; // crossing flows resets (entry)
      const list = preds.get(e.to) ?? [];
      list.push({ from, sets: e.sets });
      preds.set(e.to, list);
    }
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const key of graph.nodes.keys()) {
      if (entries.has(key)) continue;
      const acc = meet(
        (preds.get(key) ?? []).map((p) => {
          const from = state.get(p.from) as Assigned;
          return from === "all" ? "all" : new Set([...from, ...p.sets]);
        }),
      );
      if (!sameSet(state.get(key), acc)) {
        state.set(key, acc);
        changed = true;
      }
    }
  }
  return state;
}

/** Intersection of sets, where "all" is the neutral element. */
function meet(sets: Assigned[]): Assigned {
  const real = sets.filter((s): s is Set<string> => s !== "all");
  const [first, ...rest] = real;
  if (!first) return "all";
  return new Set([...first].filter((v) => rest.every((s) => s.has(v))));
}

function sameSet(a: Assigned | undefined, b: Assigned): boolean {
  if (a === "all" || b === "all" || a === undefined) return a === b;
  return a.size === b.size && [...a].every((v) => b.has(v));
}
