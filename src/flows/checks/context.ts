/**
 * What every check reads: the checker's input and what is worked out from it once (the node
 * graph, every message flattened, the entry points and the set of used message keys).
 */
import { LANGS, type Lang } from "../../engine/types.ts";
import { flatten, type Locales } from "../../i18n/locales.ts";
import type { Reference } from "../../reference/load.ts";
import type { LoadedFlows } from "../load.ts";
import type { Problem } from "../problem.ts";
import { buildGraph, type Graph, type NodeId, resolve } from "./graph.ts";

/** What the checker reads. */
export interface CheckInput {
  flows: LoadedFlows;
  locales: Locales;
  reference: Reference;
  /** Keys used by code rather than by flows (system messages, channel texts …). */
  codeKeys: readonly string[];
  /** Flow ids that must exist (outside tools rely on them; README "Flow ids"). */
  required: readonly string[];
  /** Whether a missing required flow is an error or only a warning. */
  requiredSeverity: "error" | "warning";
  /** Namespaces (first key part) that exist only in Indonesian, e.g. staff-facing texts. */
  idOnly?: readonly string[];
  /** Today, in ms since the epoch: contacts checked long before it get a warning. */
  now?: number;
}

/** The input, and what the checks share. */
export interface CheckContext {
  input: CheckInput;
  graph: Graph;
  /** Every message of each language, by its full key. */
  texts: Record<Lang, Map<string, string>>;
  /** Nodes that commands lead to: entry points from outside any flow. */
  roots: NodeId[];
  /**
   * Message keys something uses — code, choice sources, the contract flows' names, places and
   * nodes, in that order (a key missing in a locale is reported where it is first used).
   */
  used: Set<string>;
}

/** One named check: finds one kind of defect in the whole content. */
export interface Check {
  /** Also the name of its broken fixture's folder (`test/fixtures/checks/<name>/`). */
  name: string;
  run(context: CheckContext): Problem[];
}

/** Works out, once, what the checks share. */
export function contextOf(input: CheckInput): CheckContext {
  const { flows, reference } = input;
  const graph = buildGraph(flows);
  const texts = Object.fromEntries(
    LANGS.map((l) => [l, flatten(input.locales.resources[l])]),
  ) as Record<Lang, Map<string, string>>;
  const roots: NodeId[] = [];
  for (const command of reference.commands) {
    const to = resolve(command.target, "", flows);
    if (typeof to === "string") roots.push(to);
  }
  const used = new Set<string>(input.codeKeys);
  for (const items of Object.values(reference.sources))
    for (const item of items) used.add(item.label);
  for (const id of input.required) if (flows.flows.has(id)) used.add(`system.flow_${id}`);
  for (const key of reference.placeKeys ?? []) used.add(key);
  for (const info of graph.nodes.values()) for (const key of info.outline.keys) used.add(key);
  return { input, graph, texts, roots, used };
}
