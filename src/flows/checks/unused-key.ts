import { LANGS } from "../../engine/types.ts";
import type { Problem } from "../problem.ts";
import type { Check } from "./context.ts";

/** Message keys nothing uses: no flow, no code, no data. */
export const unusedKey: Check = {
  name: "unused-key",
  run({ texts, used }) {
    const problems: Problem[] = [];
    for (const lang of LANGS) {
      for (const key of texts[lang].keys()) {
        if (used.has(key)) continue;
        problems.push({
          severity: "error",
          file: `locales/${lang}/${key.split(".")[0]}.json`,
          message: `message key "${key}" is not used by any flow or code`,
        });
      }
    }
    return problems;
  },
};
