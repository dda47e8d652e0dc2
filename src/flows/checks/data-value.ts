import type { Check } from "./context.ts";
import { isData, placeholderUses } from "./placeholders.ts";

/** Messages that show a `{{data.value}}` which `data/` does not define. */
export const dataValue: Check = {
  name: "data-value",
  run: (context) =>
    placeholderUses(context)
      .filter((use) => isData(use, context))
      .filter((use) => !defined(context.input.reference.params[use.root], use.rest))
      .map((use) => ({
        severity: "error",
        ...use.where,
        message: `"${use.key}" (${use.lang}) uses {{${use.name}}}, which data/ does not define`,
      })),
};

/** Whether `path` leads to a value under `root`. */
function defined(root: unknown, path: string[]): boolean {
  let value = root;
  for (const part of path) {
    if (typeof value !== "object" || value === null || !(part in value)) return false;
    value = (value as Record<string, unknown>)[part];
  }
  // "" is a value (an empty list of names, shown only behind a `data … set` branch).
  return value !== undefined && value !== null;
}
