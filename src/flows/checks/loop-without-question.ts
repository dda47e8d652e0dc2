import type { Check } from "./context.ts";
import { loops } from "./graph.ts";

/** Loops in which no node waits for the user: the engine would go round forever. */
export const loopWithoutQuestion: Check = {
  name: "loop-without-question",
  run: ({ graph }) =>
    loops(graph)
      .filter((loop) => !loop.members.some((n) => graph.nodes.get(n)?.outline.waits))
      .map((loop) => ({
        severity: "error",
        ...loop.where,
        message: `loop with no question in it: ${loop.names}`,
      })),
};
