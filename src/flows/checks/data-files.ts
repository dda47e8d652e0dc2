import type { Check } from "./context.ts";

/** Files in `data/` that do not load or do not fit together (understanding data included). */
export const dataFiles: Check = {
  name: "data-files",
  run: ({ input }) => input.reference.problems,
};
