import { assignedOnEntry, entryNodes } from "./assigned.ts";
import type { Check } from "./context.ts";
import { isData, isService, placeholderUses } from "./placeholders.ts";

/** Messages that show a `{{variable}}` which some path into the node leaves unset. */
export const unsetVariable: Check = {
  name: "unset-variable",
  run(context) {
    const assigned = assignedOnEntry(context.graph, entryNodes(context));
    return placeholderUses(context)
      .filter((use) => !isService(use) && !isData(use, context))
      .filter((use) => {
        const set = assigned.get(use.node);
        return set !== "all" && !set?.has(use.root);
      })
      .map((use) => ({
        severity: "error",
        ...use.where,
        message: `"${use.key}" (${use.lang}) uses {{${use.name}}}, which may be unset on some path into this node`,
      }));
  },
};
