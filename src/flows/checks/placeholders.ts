/**
 * Every `{{name}}` a node's messages interpolate that the node does not provide itself — what
 * the `unset-variable`, `data-value` and `service-value` checks look at.
 */
import { LANGS, type Lang } from "../../engine/types.ts";
import { placeholders } from "../../i18n/locales.ts";
import type { Problem } from "../problem.ts";
import type { CheckContext } from "./context.ts";
import { type NodeId, whereIs } from "./graph.ts";

/** One placeholder in one language's text of a key rendered at a node. */
export interface PlaceholderUse {
  node: NodeId;
  where: Pick<Problem, "file" | "line" | "node">;
  key: string;
  lang: Lang;
  /** The whole name (`contacts.polri.phone`), its first part and the rest. */
  name: string;
  root: string;
  rest: string[];
}

/** Placeholders of node messages, except `system.` keys (the engine passes those values). */
export function placeholderUses(context: CheckContext): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  for (const [node, info] of context.graph.nodes) {
    const where = whereIs(node, info);
    for (const key of info.outline.keys) {
      if (key.startsWith("system.")) continue;
      const provided = info.outline.provides?.[key] ?? [];
      for (const lang of LANGS) {
        for (const name of placeholders(context.texts[lang].get(key) ?? "")) {
          const [root = "", ...rest] = name.split(".");
          if (!provided.includes(root)) uses.push({ node, where, key, lang, name, root, rest });
        }
      }
    }
  }
  return uses;
}

/** Whether a placeholder names the service's values (`{{service.…}}`). */
export const isService = (use: PlaceholderUse): boolean => use.root === "service";

/** Whether a placeholder names data from `data/` (`{{contacts.…}}` …). */
export const isData = (use: PlaceholderUse, context: CheckContext): boolean =>
  !isService(use) && Object.hasOwn(context.input.reference.params, use.root);
