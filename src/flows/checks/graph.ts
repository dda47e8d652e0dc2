/**
 * The content as one graph of nodes across every flow, which most checks walk: each node's
 * outline (exits, keys, whether it waits) and where it is written.
 */
import type { Flow, Node } from "../../engine/flow.ts";
import type { Outline } from "../../engine/node-kind.ts";
import { kindOf } from "../../engine/nodes/index.ts";
import { parseTarget } from "../../engine/target.ts";
import type { LoadedFlow, LoadedFlows } from "../load.ts";
import type { Problem } from "../problem.ts";

/** A node's name across flows: `flow.node`. */
export type NodeId = string;

/** One node of the graph, with the flow and file it belongs to. */
export interface GraphNode {
  flow: Flow;
  id: string;
  node: Node;
  outline: Outline;
  file: LoadedFlow;
}

/** One resolved exit; `sets` are the variables surely set along it. */
export interface Edge {
  to: NodeId;
  sets: string[];
}

/** Every valid flow's nodes, and the exits that lead to an existing node. */
export interface Graph {
  nodes: Map<NodeId, GraphNode>;
  edges: Map<NodeId, Edge[]>;
}

/**
 * The graph of every flow that loaded (and won its id). Exits whose target does not resolve are
 * left out; the `unknown-target` check reports them.
 */
export function buildGraph(flows: LoadedFlows): Graph {
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
    const out: Edge[] = [];
    for (const exit of info.outline.exits) {
      const to = resolve(exit.to, info.flow.id, flows);
      if (typeof to === "string") out.push({ to, sets: exit.sets });
    }
    graph.edges.set(key, out);
  }
  return graph;
}

/** The node a target names, seen from `flow`, or why it names none. */
export function resolve(
  target: string,
  flow: string,
  flows: LoadedFlows,
): NodeId | { why: string } {
  const parsed = parseTarget(target, flow);
  if (!parsed) return { why: "is not a valid target" };
  const f = flows.flows.get(parsed.flow);
  if (!f) return { why: `names a flow that does not exist ("${parsed.flow}")` };
  const node = parsed.node ?? f.start;
  if (!f.nodes[node]) return { why: `names a node that does not exist ("${parsed.flow}.${node}")` };
  return `${parsed.flow}.${node}`;
}

/** Where a node is written, for its problems. */
export function whereIs(key: NodeId, info: GraphNode): Pick<Problem, "file" | "line" | "node"> {
  return { file: info.file.file, line: info.file.lineOf(["nodes", info.id]), node: key };
}

/** Tarjan's strongly connected components over the node graph. */
export function components(graph: Graph): NodeId[][] {
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

/** A loop: a component of more than one node, or a node that leads to itself. */
export interface Loop {
  members: NodeId[];
  /** The member the loop is reported at, and where it is written. */
  first: NodeId;
  where: Pick<Problem, "file" | "line" | "node">;
  /** The first few members, for messages. */
  names: string;
}

/** Every loop in the graph. */
export function loops(graph: Graph): Loop[] {
  const found: Loop[] = [];
  for (const component of components(graph)) {
    const first = component[0] as NodeId;
    const looped =
      component.length > 1 || (graph.edges.get(first) ?? []).some((e) => e.to === first);
    const info = graph.nodes.get(first);
    if (!looped || !info) continue;
    const names = component.slice(0, 6).join(" → ");
    found.push({ members: component, first, where: whereIs(first, info), names });
  }
  return found;
}
