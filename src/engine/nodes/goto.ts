import * as z from "zod";
import type { NodeKind } from "../node-kind.ts";
import { target } from "./fields.ts";

/**
 * `goto` continues in another flow (or at another node).
 *
 * ```yaml
 * to_report:
 *   type: goto
 *   next: "@report"
 * ```
 */
export const GotoNode = z.strictObject({
  type: z.literal("goto"),
  next: target,
});
export type GotoNode = z.infer<typeof GotoNode>;

export const goto: NodeKind<GotoNode> = {
  type: "goto",
  schema: GotoNode,
  arrive(node) {
    return { to: node.next };
  },
  outline(node) {
    return { exits: [{ to: node.next, sets: [] }], keys: [], waits: false, ends: false };
  },
};
