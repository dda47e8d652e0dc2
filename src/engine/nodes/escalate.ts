import * as z from "zod";
import type { NodeKind } from "../node-kind.ts";
import type { CaseDraft, Vars } from "../types.ts";
import { target, varName } from "./fields.ts";

const PRIORITIES = ["urgent", "high", "normal"] as const;
const KINDS = ["report", "question", "emergency"] as const;

/** A literal, or `$name` to read a variable. */
const literalOrVar = z.string().regex(/^\$?[a-z][a-z0-9_]*$/);

/**
 * `escalate` opens a case for staff from the answers collected so far, and stores its
 * reference in `case_ref` so the next message can tell the user; `staff_open` says whether
 * staff are at work now (`open`, `closed`, or `unset` without STAFF_HOURS) and `staff_next`
 * when they next are. The user then waits for staff:
 * what they write outside a flow is added to the case.
 *
 * ```yaml
 * open:
 *   type: escalate
 *   kind: report
 *   category: $what
 *   priority: $priority
 *   answers: [who, what, country, since, contact_phone, files]
 *   personal: [contact_phone]
 *   next: done
 * ```
 */
export const EscalateNode = z.strictObject({
  type: z.literal("escalate"),
  kind: z.enum(KINDS),
  category: literalOrVar,
  /** `urgent`, `high`, `normal`, or `$var` holding one of them (anything else counts as normal). */
  priority: literalOrVar.optional(),
  answers: z.array(varName),
  personal: z.array(varName).optional(),
  next: target.optional(),
});
export type EscalateNode = z.infer<typeof EscalateNode>;

function resolve(value: string, vars: Vars): string | undefined {
  if (!value.startsWith("$")) return value;
  const v = vars[value.slice(1)];
  return typeof v === "string" ? v : undefined;
}

export const escalate: NodeKind<EscalateNode> = {
  type: "escalate",
  schema: EscalateNode,
  arrive(node, turn) {
    const vars = turn.state.vars;
    const priority = resolve(node.priority ?? "normal", vars);
    const answers: Vars = {};
    for (const name of node.answers) {
      const value = vars[name];
      // Skipped or cleared answers ("" or an empty list) are not shown to staff.
      if (value === undefined || value === null || value === "") continue;
      if (Array.isArray(value) && value.length === 0) continue;
      answers[name] = value;
    }
    const draft: CaseDraft = {
      ref: turn.deps.newCaseRef(),
      kind: node.kind,
      category: resolve(node.category, vars) ?? "other",
      priority: PRIORITIES.find((p) => p === priority) ?? "normal",
      answers,
      personal: node.personal ?? [],
      flow: turn.at.flow,
    };
    turn.set("case_ref", draft.ref);
    // Whether a person reads it now, and if not, when: the next messages say so honestly.
    const hours = turn.deps.settings.staffHours;
    turn.set("staff_open", hours ? (hours.isOpen(turn.deps.now) ? "open" : "closed") : "unset");
    turn.set(
      "staff_next",
      hours && !hours.isOpen(turn.deps.now) ? hours.nextOpen(turn.deps.now) : "",
    );
    turn.emit({ type: "open_case", draft });
    // From now on, what the user writes outside a flow goes to the case (see the staff desk).
    turn.state = { ...turn.state, mode: "awaiting_staff", openCase: draft.ref };
    return node.next ? { to: node.next } : { end: true, next: undefined };
  },
  outline(node) {
    return {
      exits: node.next ? [{ to: node.next, sets: ["case_ref", "staff_open", "staff_next"] }] : [],
      keys: [],
      waits: false,
      ends: !node.next,
    };
  },
};
