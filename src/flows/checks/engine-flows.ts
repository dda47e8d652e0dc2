import type { Check } from "./context.ts";

/** Flows the engine itself depends on. */
const ENGINE_FLOWS = ["menu"];

/** A flow the engine needs is missing. */
export const engineFlows: Check = {
  name: "engine-flows",
  run: ({ input }) =>
    ENGINE_FLOWS.filter((id) => !input.flows.flows.has(id)).map((id) => ({
      severity: "error",
      file: "flows",
      message: `flow "${id}" is required by the engine`,
    })),
};
