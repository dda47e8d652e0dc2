import * as z from "zod";
import type { NodeKind } from "../node-kind.ts";
import { keyList, messageKeys, target } from "./fields.ts";

/**
 * `say` sends one or more messages, then carries on at `next` (or ends the flow).
 *
 * ```yaml
 * intro:
 *   type: say
 *   text: [contacts.intro, contacts.hours]
 *   next: pick
 * ```
 */
export const SayNode = z.strictObject({
  type: z.literal("say"),
  text: messageKeys,
  next: target.optional(),
});
export type SayNode = z.infer<typeof SayNode>;

export const say: NodeKind<SayNode> = {
  type: "say",
  schema: SayNode,
  arrive(node, turn) {
    for (const key of keyList(node.text)) turn.say(key);
    return node.next ? { to: node.next } : { end: true, next: undefined };
  },
  outline(node) {
    return {
      exits: node.next ? [{ to: node.next, sets: [] }] : [],
      keys: keyList(node.text),
      waits: false,
      ends: !node.next,
    };
  },
};
