import type { Check } from "./context.ts";

/** Flow files that do not load: YAML syntax, the schema, an id unlike the file name, a duplicate id. */
export const flowFiles: Check = {
  name: "flow-files",
  run: ({ input }) => input.flows.problems,
};
