import * as z from "zod";
import type { NodeKind } from "../node-kind.ts";
import { LANGS } from "../types.ts";
import { scalar, target, varName } from "./fields.ts";

/**
 * `set` stores values, adds to numbers (a missing number counts as 0) and can switch the user's
 * language.
 *
 * ```yaml
 * flag_visa:
 *   type: set
 *   vars: { flag_visa: true }
 *   add: { risk: 2 }
 *   next: q2
 * ```
 */
export const SetNode = z.strictObject({
  type: z.literal("set"),
  vars: z.record(varName, scalar).optional(),
  add: z.record(varName, z.number()).optional(),
  language: z.enum(LANGS).optional(),
  next: target.optional(),
});
export type SetNode = z.infer<typeof SetNode>;

export const set: NodeKind<SetNode> = {
  type: "set",
  schema: SetNode,
  arrive(node, turn) {
    for (const [name, value] of Object.entries(node.vars ?? {})) turn.set(name, value);
    for (const [name, amount] of Object.entries(node.add ?? {})) {
      const current = turn.state.vars[name];
      turn.set(name, (typeof current === "number" ? current : 0) + amount);
    }
    if (node.language) {
      turn.state = { ...turn.state, lang: node.language, langChosen: true };
      turn.emit({ type: "language", lang: node.language });
    }
    return node.next ? { to: node.next } : { end: true, next: undefined };
  },
  outline(node) {
    const sets = [...Object.keys(node.vars ?? {}), ...Object.keys(node.add ?? {})];
    return {
      exits: node.next ? [{ to: node.next, sets }] : [],
      keys: [],
      waits: false,
      ends: !node.next,
    };
  },
};
