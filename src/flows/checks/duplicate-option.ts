import type { Problem } from "../problem.ts";
import type { Check } from "./context.ts";
import { whereIs } from "./graph.ts";

/** Menus with two options of the same id (a tap could not tell them apart). */
export const duplicateOption: Check = {
  name: "duplicate-option",
  run({ graph }) {
    const problems: Problem[] = [];
    for (const [key, info] of graph.nodes) {
      if (info.node.type !== "menu") continue;
      const ids = info.node.options.map((o) => o.id);
      const dup = ids.find((id, i) => ids.indexOf(id) !== i);
      if (dup)
        problems.push({
          severity: "error",
          ...whereIs(key, info),
          message: `option id "${dup}" is used twice`,
        });
    }
    return problems;
  },
};
