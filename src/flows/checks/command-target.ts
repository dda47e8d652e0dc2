import type { Problem } from "../problem.ts";
import type { Check } from "./context.ts";
import { resolve } from "./graph.ts";

/** Commands in `data/commands.yaml` whose target names no node. */
export const commandTarget: Check = {
  name: "command-target",
  run({ input }) {
    const problems: Problem[] = [];
    for (const command of input.reference.commands) {
      const to = resolve(command.target, "", input.flows);
      if (typeof to === "string") continue;
      problems.push({
        severity: "error",
        file: "data/commands.yaml",
        message: `command "${command.name}": target "${command.target}" ${to.why}`,
      });
    }
    return problems;
  },
};
