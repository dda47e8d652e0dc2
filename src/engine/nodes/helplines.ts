import * as z from "zod";
import type { HelpLineText } from "../deps.ts";
import type { NodeKind } from "../node-kind.ts";
import type { Turn } from "../turn.ts";
import { messageKey, target, varName } from "./fields.ts";

/** The message key shown after a line from a dated or single-source page. */
export const RECHECK_KEY = "places.recheck";

/**
 * `helplines` sends the help that works where the person is now: the place in `var` (a
 * country id, or `indonesia`), its lines from data/countries.yaml rendered as `{{lines}}` and its
 * name as `{{place}}` in `text`. With no lines for the place (or no place), `none` is sent
 * instead. `only` limits the lines to some kinds (a crisis shows the emergency numbers only).
 *
 * ```yaml
 * local:
 *   type: helplines
 *   var: country
 *   text: emergency.local
 *   none: emergency.local_none
 *   next: consent
 * ```
 */
export const HelplinesNode = z.strictObject({
  type: z.literal("helplines"),
  var: varName,
  text: messageKey,
  none: messageKey,
  only: z
    .array(z.enum(["emergency", "mission", "workers"]))
    .min(1)
    .optional(),
  next: target.optional(),
});
export type HelplinesNode = z.infer<typeof HelplinesNode>;

function render(line: HelpLineText, turn: Turn): string {
  const params = { ...line.params };
  if (params.note) params.note = turn.text(params.note);
  const text = turn.text(line.key, params);
  return line.recheck ? `${text} ${turn.text(RECHECK_KEY)}` : text;
}

export const helplines: NodeKind<HelplinesNode> = {
  type: "helplines",
  schema: HelplinesNode,
  arrive(node, turn) {
    const id = turn.state.vars[node.var];
    const place = typeof id === "string" ? turn.deps.places?.[id] : undefined;
    const lines = (place?.lines ?? []).filter((l) => !node.only || node.only.includes(l.kind));
    if (place && lines.length > 0) {
      turn.say(node.text, {
        place: turn.text(place.label),
        lines: lines.map((l) => `- ${render(l, turn)}`).join("\n"),
      });
    } else turn.say(node.none);
    return node.next ? { to: node.next } : { end: true, next: undefined };
  },
  outline(node) {
    return {
      exits: node.next ? [{ to: node.next, sets: [] }] : [],
      keys: [node.text, node.none, RECHECK_KEY],
      provides: { [node.text]: ["place", "lines"] },
      waits: false,
      ends: !node.next,
    };
  },
};
