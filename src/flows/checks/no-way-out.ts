import type { Check } from "./context.ts";
import { loops } from "./graph.ts";

/**
 * Loops with a question that nothing leaves: no member ends the conversation or leads outside.
 * (A loop without a question is the `loop-without-question` check's.)
 */
export const noWayOut: Check = {
  name: "no-way-out",
  run: ({ graph }) =>
    loops(graph)
      .filter((loop) => loop.members.some((n) => graph.nodes.get(n)?.outline.waits))
      .filter((loop) => {
        const members = new Set(loop.members);
        return !loop.members.some(
          (n) =>
            graph.nodes.get(n)?.outline.ends ||
            (graph.edges.get(n) ?? []).some((e) => !members.has(e.to)),
        );
      })
      .map((loop) => ({
        severity: "error",
        ...loop.where,
        message: `cycle with no way out: ${loop.names}`,
      })),
};
