import type { Problem } from "../problem.ts";
import type { Check } from "./context.ts";
import { whereIs } from "./graph.ts";

/** `ask` nodes whose choices come from a source `data/` does not have. */
export const unknownSource: Check = {
  name: "unknown-source",
  run({ input, graph }) {
    const problems: Problem[] = [];
    for (const [key, info] of graph.nodes) {
      const node = info.node;
      if (node.type !== "ask" || !node.source || input.reference.sources[node.source]) continue;
      problems.push({
        severity: "error",
        ...whereIs(key, info),
        message: `unknown choice source "${node.source}"`,
      });
    }
    return problems;
  },
};
