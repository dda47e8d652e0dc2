import type { Check } from "./context.ts";

/** Locale files that do not load: invalid JSON, a wrong shape, a missing language folder. */
export const localeFiles: Check = {
  name: "locale-files",
  run: ({ input }) =>
    input.locales.problems.map((p) => ({ severity: "error", file: p.file, message: p.message })),
};
