/**
 * The flow checker: finds what would go wrong in a conversation before anyone has it — broken
 * targets, unreachable nodes, loops without a question, missing or unused translations, and
 * messages that could show an unset `{{variable}}`.
 */
import type { Flow, Node } from "../engine/flow.ts";
import type { Outline } from "../engine/node-kind.ts";
import { kindOf } from "../engine/nodes/index.ts";
import { parseTarget } from "../engine/target.ts";
import { SERVICE_PARAMS } from "../engine/turn.ts";
import { LANGS, type Lang } from "../engine/types.ts";
import { flatten, type Locales, placeholders } from "../i18n/locales.ts";
import { staleContacts } from "../reference/freshness.ts";
import type { Reference } from "../reference/load.ts";
import type { LoadedFlow, LoadedFlows } from "./load.ts";
import { literalPhoneNumbers } from "./phone-numbers.ts";
import type { Problem } from "./problem.ts";

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

/** The checker's verdict. */
export interface CheckResult {
  problems: Problem[];
  summary: string;
  errors: number;
  warnings: number;
}

/** Flows the engine itself depends on. */
const ENGINE_FLOWS = ["menu"];

type NodeId = string; // "flow.node"

interface Graph {
  nodes: Map<NodeId, { flow: Flow; id: string; node: Node; outline: Outline; file: LoadedFlow }>;
  edges: Map<NodeId, { to: NodeId; sets: string[] }[]>;
}

function buildGraph(flows: LoadedFlows, problems: Problem[]): Graph {
  const graph: Graph = { nodes: new Map(), edges: new Map() };
  for (const file of flows.files) {
    const flow = file.flow;
    if (!flow || flows.flows.get(flow.id) !== flow) continue;
    for (const [id, node] of Object.entries(flow.nodes)) {
      const kind = kindOf(node.type);
      if (!kind) continue;
      graph.nodes.set(`${flow.id}.${id}`, { flow, id, node, outline: kind.outline(node), file });
    }
  }
  for (const [key, info] of graph.nodes) {
    const out: { to: NodeId; sets: string[] }[] = [];
    for (const exit of info.outline.exits) {
      const to = resolve(exit.to, info.flow.id, flows);
      if (typeof to === "string") out.push({ to, sets: exit.sets });
      else {
        problems.push({
          severity: "error",
          file: info.file.file,
          line: info.file.lineOf(["nodes", info.id]),
          node: key,
          message: `target "${exit.to}" ${to.why}`,
        });
      }
    }
    graph.edges.set(key, out);
  }
  return graph;
}

function resolve(target: string, flow: string, flows: LoadedFlows): NodeId | { why: string } {
  const parsed = parseTarget(target, flow);
  if (!parsed) return { why: "is not a valid target" };
  const f = flows.flows.get(parsed.flow);
  if (!f) return { why: `names a flow that does not exist ("${parsed.flow}")` };
  const node = parsed.node ?? f.start;
  if (!f.nodes[node]) return { why: `names a node that does not exist ("${parsed.flow}.${node}")` };
  return `${parsed.flow}.${node}`;
}

/** Tarjan's strongly connected components over the node graph. */
function components(graph: Graph): NodeId[][] {
  let index = 0;
  const indices = new Map<NodeId, number>();
  const low = new Map<NodeId, number>();
  const onStack = new Set<NodeId>();
  const stack: NodeId[] = [];
  const result: NodeId[][] = [];
  const visit = (v: NodeId) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const { to } of graph.edges.get(v) ?? []) {
      if (!indices.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v) as number, low.get(to) as number));
      } else if (onStack.has(to))
        low.set(v, Math.min(low.get(v) as number, indices.get(to) as number));
    }
    if (low.get(v) === indices.get(v)) {
      const component: NodeId[] = [];
      let w: NodeId;
      do {
        w = stack.pop() as NodeId;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      result.push(component);
    }
  };
  for (const v of graph.nodes.keys()) if (!indices.has(v)) visit(v);
  return result;
}

function checkLoops(graph: Graph, problems: Problem[]): void {
  for (const component of components(graph)) {
    const members = new Set(component);
    const first = component[0] as NodeId;
    const looped =
      component.length > 1 || (graph.edges.get(first) ?? []).some((e) => e.to === first);
    if (!looped) continue;
    const info = graph.nodes.get(first);
    if (!info) continue;
    const where = { file: info.file.file, line: info.file.lineOf(["nodes", info.id]), node: first };
    const names = component.slice(0, 6).join(" → ");
    if (!component.some((n) => graph.nodes.get(n)?.outline.waits)) {
      problems.push({
        severity: "error",
        ...where,
        message: `loop with no question in it: ${names}`,
      });
      continue;
    }
    const exits = component.some(
      (n) =>
        graph.nodes.get(n)?.outline.ends ||
        (graph.edges.get(n) ?? []).some((e) => !members.has(e.to)),
    );
    if (!exits)
      problems.push({ severity: "error", ...where, message: `cycle with no way out: ${names}` });
  }
}

function checkReachable(
  graph: Graph,
  flows: LoadedFlows,
  roots: NodeId[],
  problems: Problem[],
): void {
  const seen = new Set<NodeId>();
  const queue = [...roots];
  for (const flow of flows.flows.values()) queue.push(`${flow.id}.${flow.start}`);
  while (queue.length) {
    const v = queue.pop() as NodeId;
    if (seen.has(v)) continue;
    seen.add(v);
    for (const { to } of graph.edges.get(v) ?? []) queue.push(to);
  }
  for (const [key, info] of graph.nodes) {
    if (seen.has(key)) continue;
    problems.push({
      severity: "error",
      file: info.file.file,
      line: info.file.lineOf(["nodes", info.id]),
      node: key,
      message: "unreachable: no path leads here from the flow's start",
    });
  }
  for (const flow of flows.flows.values()) {
    if (flow.nodes[flow.start]) continue;
    const file = flows.files.find((f) => f.flow === flow);
    problems.push({
      severity: "error",
      file: file?.file ?? "flows",
      line: file?.lineOf(["start"]),
      message: `start node "${flow.start}" does not exist`,
    });
  }
}

/**
 * Variables surely set on entry to each node, per flow (a must-analysis: the intersection over
 * every way in). A flow's start, and any node entered from outside the flow, starts empty.
 */
function assignedOnEntry(graph: Graph, entries: Set<NodeId>): Map<NodeId, Set<string> | "all"> {
  const state = new Map<NodeId, Set<string> | "all">();
  for (const key of graph.nodes.keys()) state.set(key, entries.has(key) ? new Set() : "all");
  const preds = new Map<NodeId, { from: NodeId; sets: string[] }[]>();
  for (const [from, edges] of graph.edges) {
    const flow = from.split(".")[0];
    for (const e of edges) {
      if (e.to.split(".")[0] !== flow) continue; // crossing flows resets (entry)
      const list = preds.get(e.to) ?? [];
      list.push({ from, sets: e.sets });
      preds.set(e.to, list);
    }
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const key of graph.nodes.keys()) {
      if (entries.has(key)) continue;
      const acc = meet(
        (preds.get(key) ?? []).map((p) => {
          const from = state.get(p.from) as Set<string> | "all";
          return from === "all" ? "all" : new Set([...from, ...p.sets]);
        }),
      );
      const same = sameSet(state.get(key), acc);
      if (!same) {
        state.set(key, acc);
        changed = true;
      }
    }
  }
  return state;
}

/** Intersection of sets, where "all" is the neutral element. */
function meet(sets: (Set<string> | "all")[]): Set<string> | "all" {
  const real = sets.filter((s): s is Set<string> => s !== "all");
  const [first, ...rest] = real;
  if (!first) return "all";
  return new Set([...first].filter((v) => rest.every((s) => s.has(v))));
}

function sameSet(a: Set<string> | "all" | undefined, b: Set<string> | "all"): boolean {
  if (a === "all" || b === "all" || a === undefined) return a === b;
  return a.size === b.size && [...a].every((v) => b.has(v));
}

function lookupPath(root: unknown, path: string[]): boolean {
  let value = root;
  for (const part of path) {
    if (typeof value !== "object" || value === null || !(part in value)) return false;
    value = (value as Record<string, unknown>)[part];
  }
  // "" is a value (an empty list of names, shown only behind a `data … set` branch).
  return value !== undefined && value !== null;
}

/** Runs every check. */
export function checkContent(input: CheckInput): CheckResult {
  const { flows, locales, reference } = input;
  const problems: Problem[] = [...flows.problems, ...reference.problems];
  if (input.now !== undefined) problems.push(...staleContacts(reference.contacts, input.now));
  for (const p of locales.problems)
    problems.push({ severity: "error", file: p.file, message: p.message });

  const graph = buildGraph(flows, problems);

  // Entry points from outside a flow: commands and cross-flow targets.
  const roots: NodeId[] = [];
  for (const command of reference.commands) {
    const to = resolve(command.target, "", flows);
    if (typeof to === "string") roots.push(to);
    else
      problems.push({
        severity: "error",
        file: "data/commands.yaml",
        message: `command "${command.name}": target "${command.target}" ${to.why}`,
      });
  }
  const entries = new Set<NodeId>(roots);
  for (const flow of flows.flows.values()) entries.add(`${flow.id}.${flow.start}`);
  for (const [from, edges] of graph.edges) {
    for (const e of edges) if (e.to.split(".")[0] !== from.split(".")[0]) entries.add(e.to);
  }

  checkReachable(graph, flows, roots, problems);
  checkLoops(graph, problems);

  for (const id of ENGINE_FLOWS) {
    if (!flows.flows.has(id))
      problems.push({
        severity: "error",
        file: "flows",
        message: `flow "${id}" is required by the engine`,
      });
  }
  for (const id of input.required) {
    if (!flows.flows.has(id)) {
      problems.push({
        severity: input.requiredSeverity,
        file: "flows",
        message: `flow "${id}" is missing; outside tools rely on it (README "Flow ids")`,
      });
    }
  }

  // Keys: which are used, where, and what each message interpolates.
  const texts = Object.fromEntries(LANGS.map((l) => [l, flatten(locales.resources[l])])) as Record<
    Lang,
    Map<string, string>
  >;
  const used = new Set<string>(input.codeKeys);
  for (const items of Object.values(reference.sources))
    for (const item of items) used.add(item.label);
  problems.push(...literalPhoneNumbers(texts, reference));
  for (const id of input.required) if (flows.flows.has(id)) used.add(`system.flow_${id}`);
  const dataRoots = new Set(Object.keys(reference.params));
  const entry = assignedOnEntry(graph, entries);
  const missingReported = new Set<string>();
  const reportMissing = (key: string, where: Omit<Problem, "severity" | "message">) => {
    const idOnly = input.idOnly?.includes(key.split(".")[0] ?? "") ?? false;
    for (const lang of LANGS) {
      if (idOnly && lang !== "id") continue;
      if (texts[lang].has(key) || missingReported.has(`${lang}:${key}`)) continue;
      missingReported.add(`${lang}:${key}`);
      problems.push({
        severity: "error",
        ...where,
        message: `message key "${key}" is missing in locales/${lang}`,
      });
    }
  };
  for (const key of reference.placeKeys ?? []) {
    used.add(key);
    reportMissing(key, { file: "data/countries.yaml" });
  }
  for (const [nodeKey, info] of graph.nodes) {
    const where = {
      file: info.file.file,
      line: info.file.lineOf(["nodes", info.id]),
      node: nodeKey,
    };
    const assigned = entry.get(nodeKey);
    for (const key of info.outline.keys) {
      used.add(key);
      reportMissing(key, where);
      if (key.startsWith("system.")) continue; // the engine passes those values itself
      for (const lang of LANGS) {
        const provided = info.outline.provides?.[key] ?? [];
        for (const name of placeholders(texts[lang].get(key) ?? "")) {
          const [root = "", ...rest] = name.split(".");
          if (provided.includes(root)) continue;
          if (root === "service") {
            if (!(SERVICE_PARAMS as readonly string[]).includes(rest.join(".")))
              problems.push({
                severity: "error",
                ...where,
                message: `"${key}" (${lang}) uses {{${name}}}; the service's values are ${SERVICE_PARAMS.join(", ")}`,
              });
            continue;
          }
          if (dataRoots.has(root)) {
            if (!lookupPath(reference.params[root], rest)) {
              problems.push({
                severity: "error",
                ...where,
                message: `"${key}" (${lang}) uses {{${name}}}, which data/ does not define`,
              });
            }
          } else if (assigned !== "all" && !assigned?.has(root)) {
            problems.push({
              severity: "error",
              ...where,
              message: `"${key}" (${lang}) uses {{${name}}}, which may be unset on some path into this node`,
            });
          }
        }
      }
    }
    if (info.node.type === "ask" && info.node.source && !reference.sources[info.node.source]) {
      problems.push({
        severity: "error",
        ...where,
        message: `unknown choice source "${info.node.source}"`,
      });
    }
    if (info.node.type === "menu") {
      const ids = info.node.options.map((o) => o.id);
      const dup = ids.find((id, i) => ids.indexOf(id) !== i);
      if (dup)
        problems.push({ severity: "error", ...where, message: `option id "${dup}" is used twice` });
    }
  }
  for (const key of used) {
    if (!key.startsWith("system.flow_")) reportMissing(key, { file: "locales" });
  }
  for (const id of input.required)
    if (flows.flows.has(id)) reportMissing(`system.flow_${id}`, { file: "locales" });

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

  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const summary =
    `flows:check — ${flows.flows.size} flows, ${graph.nodes.size} nodes; ` +
    `keys: ${LANGS.map((l) => `${l} ${texts[l].size}`).join(", ")}; ` +
    `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
  return { problems, summary, errors, warnings };
}
