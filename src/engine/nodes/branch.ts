import * as z from "zod";
import { Condition, provesSet, test } from "../conditions.ts";
import type { NodeKind } from "../node-kind.ts";
import { target } from "./fields.ts";

const Case = z.strictObject({
  /** One condition, or a list that must all hold. */
  when: z.union([Condition, z.array(Condition).min(1)]),
  next: target,
});

/**
 * `branch` goes to the first case whose conditions hold, else to `else`.
 *
 * ```yaml
 * route:
 *   type: branch
 *   cases:
 *     - { when: { var: what, in: [violence, detained] }, next: urgent }
 *     - { when: [{ var: risk, gte: 3 }, { var: paid, equals: true }], next: high }
 *   else: normal
 * ```
 */
export const BranchNode = z.strictObject({
  type: z.literal("branch"),
  cases: z.array(Case).min(1),
  else: target,
});
export type BranchNode = z.infer<typeof BranchNode>;

const all = (when: BranchNode["cases"][number]["when"]) => (Array.isArray(when) ? when : [when]);

export const branch: NodeKind<BranchNode> = {
  type: "branch",
  schema: BranchNode,
  arrive(node, turn) {
    const hit = node.cases.find((c) =>
      all(c.when).every((cond) => test(cond, turn.state.vars, turn.deps.params)),
    );
    return { to: hit ? hit.next : node.else };
  },
  outline(node) {
    return {
      exits: [
        ...node.cases.map((c) => ({ to: c.next, sets: all(c.when).flatMap(provesSet) })),
        { to: node.else, sets: [] },
      ],
      keys: [],
      waits: false,
      ends: false,
    };
  },
};
