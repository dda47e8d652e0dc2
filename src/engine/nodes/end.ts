import * as z from "zod";
import type { NodeKind } from "../node-kind.ts";
import { keyList, messageKeys, target } from "./fields.ts";

/**
 * `end` finishes the flow, optionally with closing messages. If the flow interrupted a question
 * (e.g. the user typed `bahasa` mid-question), that question is asked again; otherwise the
 * engine goes to `next` when given, or waits for whatever the user writes next.
 *
 * ```yaml
 * done:
 *   type: end
 *   text: language.changed
 *   next: "@menu.main"
 * ```
 */
export const EndNode = z.strictObject({
  type: z.literal("end"),
  text: messageKeys.optional(),
  next: target.optional(),
});
export type EndNode = z.infer<typeof EndNode>;

export const end: NodeKind<EndNode> = {
  type: "end",
  schema: EndNode,
  arrive(node, turn) {
    for (const key of node.text ? keyList(node.text) : []) turn.say(key);
    return { end: true, next: node.next };
  },
  outline(node) {
    return {
      exits: node.next ? [{ to: node.next, sets: [] }] : [],
      keys: node.text ? keyList(node.text) : [],
      waits: false,
      ends: true,
    };
  },
};
