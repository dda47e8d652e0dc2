import * as z from "zod";
import type { NodeKind } from "../node-kind.ts";
import type { Turn } from "../turn.ts";
import { CASE_STATUSES, type CaseSummary } from "../types.ts";
import { messageKey, target, varName } from "./fields.ts";

/** How many cases are listed at most. */
const MAX_LISTED = 5;

/**
 * `cases` tells the user the status of their **own** cases (never anyone else's: a reference
 * typed by someone who did not report it is "not found"). With `query`, only the case whose
 * reference that variable holds is shown. Each case is one line rendered with `line`, with
 * `{{ref}}`, `{{status}}` (the text of `<status_prefix><status>`), `{{date}}` (YYYY-MM-DD) and
 * `{{office}}` (empty unless referred).
 *
 * ```yaml
 * show:
 *   type: cases
 *   query: case_query
 *   none: case_status.none
 *   not_found: case_status.not_found
 *   header: case_status.header
 *   line: case_status.line
 *   status_prefix: case_status.status_
 *   next: more
 * ```
 */
export const CasesNode = z.strictObject({
  type: z.literal("cases"),
  query: varName.optional(),
  none: messageKey,
  not_found: messageKey,
  header: messageKey,
  line: messageKey,
  status_prefix: z
    .string()
    .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*[._]$/, "a key prefix such as `case_status.status_`"),
  next: target.optional(),
});
export type CasesNode = z.infer<typeof CasesNode>;

function render(node: CasesNode, turn: Turn, list: CaseSummary[]): string {
  const lines = list.slice(0, MAX_LISTED).map((c) =>
    turn.text(node.line, {
      ref: c.ref,
      status: turn.text(`${node.status_prefix}${c.status}`),
      date: new Date(c.createdAt).toISOString().slice(0, 10),
      office: c.office ?? "",
    }),
  );
  return [turn.text(node.header), ...lines].join("\n");
}

export const cases: NodeKind<CasesNode> = {
  type: "cases",
  schema: CasesNode,
  arrive(node, turn) {
    const all = turn.userCases();
    const raw = node.query ? turn.state.vars[node.query] : undefined;
    const query =
      typeof raw === "string" ? raw.trim().toUpperCase().replace(/^JR-?/, "JR-") : undefined;
    if (query) {
      const hit = all.filter((c) => c.ref === query);
      if (hit.length) turn.reply({ text: render(node, turn, hit) });
      else turn.say(node.not_found, { ref: query });
    } else if (all.length) turn.reply({ text: render(node, turn, all) });
    else turn.say(node.none);
    return node.next ? { to: node.next } : { end: true, next: undefined };
  },
  outline(node) {
    return {
      exits: node.next ? [{ to: node.next, sets: [] }] : [],
      keys: [
        node.none,
        node.header,
        node.line,
        node.not_found,
        ...CASE_STATUSES.map((s) => `${node.status_prefix}${s}`),
      ],
      provides: { [node.line]: ["ref", "status", "date", "office"], [node.not_found]: ["ref"] },
      waits: false,
      ends: !node.next,
    };
  },
};
