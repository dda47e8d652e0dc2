import type { Problem } from "../problem.ts";
import type { Check } from "./context.ts";
import { type NodeId, whereIs } from "./graph.ts";

/** Nodes no path leads to from a flow's start or a command. */
export const unreachable: Check = {
  name: "unreachable",
  run({ input, graph, roots }) {
    const seen = new Set<NodeId>();
    const queue = [...roots];
    for (const flow of input.flows.flows.values()) queue.push(`${flow.id}.${flow.start}`);
    while (queue.length) {
      const v = queue.pop() as NodeId;
      if (seen.has(v)) continue;
      seen.add(v);
      for (const { to } of graph.edges.get(v) ?? []) queue.push(to);
    }
    const problems: Problem[] = [];
    for (const [key, info] of graph.nodes) {
      if (seen.has(key)) continue;
      problems.push({
        severity: "error",
        ...whereIs(key, info),
        message: "unreachable: no path leads here from the flow's start",
      });
    }
    return problems;
  },
};
