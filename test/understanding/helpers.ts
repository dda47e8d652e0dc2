import { join } from "node:path";
import { loadMatcher } from "../../src/understanding/load.ts";
import type { Matcher } from "../../src/understanding/matcher.ts";

/** The project's data directory. */
export const DATA = join(import.meta.dirname, "..", "..", "data");

let shared: Matcher | undefined;

/** The matcher built from the project's data (built once per test file). */
export function matcher(): Matcher {
  shared ??= loadMatcher(DATA);
  return shared;
}

/** The words the matcher compares for a text (resolved, stop words included). */
export function words(text: string): string[] {
  return matcher()
    .analyze(text)
    .words.map((w) => w.word);
}
