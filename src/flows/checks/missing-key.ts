import { LANGS } from "../../engine/types.ts";
import type { Problem } from "../problem.ts";
import type { Check } from "./context.ts";
import { whereIs } from "./graph.ts";

/**
 * Message keys something uses that a locale lacks (Indonesian-only namespaces only in `id`).
 * Each is reported once per language, where it is first used: a place in `data/countries.yaml`,
 * a node, or else the locales (code keys, choice sources, the contract flows' names).
 */
export const missingKey: Check = {
  name: "missing-key",
  run({ input, graph, texts, used }) {
    const problems: Problem[] = [];
    const reported = new Set<string>();
    const report = (key: string, where: Omit<Problem, "severity" | "message">) => {
      const idOnly = input.idOnly?.includes(key.split(".")[0] ?? "") ?? false;
      for (const lang of LANGS) {
        if (idOnly && lang !== "id") continue;
        if (texts[lang].has(key) || reported.has(`${lang}:${key}`)) continue;
        reported.add(`${lang}:${key}`);
        problems.push({
          severity: "error",
          ...where,
          message: `message key "${key}" is missing in locales/${lang}`,
        });
      }
    };
    for (const key of input.reference.placeKeys ?? []) report(key, { file: "data/countries.yaml" });
    for (const [node, info] of graph.nodes)
      for (const key of info.outline.keys) report(key, whereIs(node, info));
    // A flow's name is required only for contract flows that exist.
    for (const key of used) if (!key.startsWith("system.flow_")) report(key, { file: "locales" });
    for (const id of input.required)
      if (input.flows.flows.has(id)) report(`system.flow_${id}`, { file: "locales" });
    return problems;
  },
};
