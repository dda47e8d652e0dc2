import type { Check } from "./context.ts";

/** A flow outside tools rely on is missing (an error or a warning, as the input says). */
export const contractFlows: Check = {
  name: "contract-flows",
  run: ({ input }) =>
    input.required
      .filter((id) => !input.flows.flows.has(id))
      .map((id) => ({
        severity: input.requiredSeverity,
        file: "flows",
        message: `flow "${id}" is missing; outside tools rely on it (README "Flow ids")`,
      })),
};
