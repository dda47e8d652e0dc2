import type { Problem } from "../problem.ts";
import type { Check } from "./context.ts";

/** Flows whose `start` names a node they do not have. */
export const missingStart: Check = {
  name: "missing-start",
  run({ input: { flows } }) {
    const problems: Problem[] = [];
    for (const flow of flows.flows.values()) {
      if (flow.nodes[flow.start]) continue;
      const file = flows.files.find((f) => f.flow === flow);
      problems.push({
        severity: "error",
        file: file?.file ?? "flows",
        line: file?.lineOf(["start"]),
        message: `start node "${flow.start}" does not exist`,
      });
    }
    return problems;
  },
};
