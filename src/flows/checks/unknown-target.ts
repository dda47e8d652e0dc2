import type { Problem } from "../problem.ts";
import type { Check } from "./context.ts";
import { resolve, whereIs } from "./graph.ts";

/** Exits whose target is not valid or names a flow or node that does not exist. */
export const unknownTarget: Check = {
  name: "unknown-target",
  run({ input, graph }) {
    const problems: Problem[] = [];
    for (const [key, info] of graph.nodes) {
      for (const exit of info.outline.exits) {
        const to = resolve(exit.to, info.flow.id, input.flows);
        if (typeof to === "string") continue;
        problems.push({
          severity: "error",
          ...whereIs(key, info),
          message: `target "${exit.to}" ${to.why}`,
        });
      }
    }
    return problems;
  },
};
