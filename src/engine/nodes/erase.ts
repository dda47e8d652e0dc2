import * as z from "zod";
import type { NodeKind } from "../node-kind.ts";
import { target } from "./fields.ts";

/**
 * `erase` deletes everything the service holds about the user (the host carries it out: sessions,
 * messages, media; cases keep only what staff need, without the reporter's identity). Put it
 * after a yes/no confirmation.
 *
 * ```yaml
 * erase:
 *   type: erase
 *   next: erased
 * ```
 */
export const EraseNode = z.strictObject({
  type: z.literal("erase"),
  next: target.optional(),
});
export type EraseNode = z.infer<typeof EraseNode>;

export const erase: NodeKind<EraseNode> = {
  type: "erase",
  schema: EraseNode,
  arrive(node, turn) {
    turn.emit({ type: "erase_user" });
    turn.state = { ...turn.state, vars: {}, stack: [] };
    return node.next ? { to: node.next } : { end: true, next: undefined };
  },
  outline(node) {
    return {
      exits: node.next ? [{ to: node.next, sets: [] }] : [],
      keys: [],
      waits: false,
      ends: !node.next,
    };
  },
};
