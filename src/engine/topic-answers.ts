/**
 * The answers a topic flow gives: each menu option that leads to texts of the same flow (costs
 * → "Biaya yang mungkin dibayar" → its explanation). A question typed inside a topic is
 * compared with these, so "biaya ke malaysia brp" in the costs menu is answered there instead
 * of "that option does not exist". Options that set variables (answers to a report's questions)
 * or lead to another flow or question are not answers to look up.
 */
import type { Flow } from "./flow.ts";
import { keyList } from "./nodes/fields.ts";
import { parseTarget, positionTarget, type Target } from "./target.ts";

/** One answer of a topic: where it is, and the message keys a user reads there. */
export interface TopicAnswer {
  target: Target;
  /** The option's label key, then the keys of the texts it leads to. */
  keys: string[];
}

/** How many nodes after an option are read for its texts. */
const MAX_CHAIN = 6;

/** The answers flow `flow` gives, in file order, one per target. */
export function topicAnswers(flow: Flow): TopicAnswer[] {
  const out: TopicAnswer[] = [];
  const seen = new Set<string>();
  for (const node of Object.values(flow.nodes)) {
    if (node.type !== "menu") continue;
    for (const option of node.options) {
      if (option.set && Object.keys(option.set).length > 0) continue;
      const node = parseTarget(option.next, flow.id)?.node;
      const keys = textsFrom(flow, option.next);
      if (!node || keys.length === 0 || seen.has(node)) continue;
      seen.add(node);
      out.push({ target: positionTarget({ flow: flow.id, node }), keys: [option.label, ...keys] });
    }
  }
  return out;
}

/** The keys of the texts said from `target` on, until a node waits, branches or leaves. */
function textsFrom(flow: Flow, target: Target): string[] {
  const keys: string[] = [];
  let current: Target | undefined = target;
  for (let i = 0; i < MAX_CHAIN && current; i++) {
    const parsed = parseTarget(current, flow.id);
    if (!parsed || parsed.flow !== flow.id || !parsed.node) break;
    const node = flow.nodes[parsed.node];
    if (node?.type === "say") keys.push(...keyList(node.text));
    else if (node?.type !== "set") break;
    current = node.next;
  }
  return keys;
}
