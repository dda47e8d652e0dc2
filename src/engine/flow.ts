import * as z from "zod";
import { AskNode } from "./nodes/ask.ts";
import { BranchNode } from "./nodes/branch.ts";
import { CasesNode } from "./nodes/cases.ts";
import { EndNode } from "./nodes/end.ts";
import { EraseNode } from "./nodes/erase.ts";
import { EscalateNode } from "./nodes/escalate.ts";
import { GotoNode } from "./nodes/goto.ts";
import { HelplinesNode } from "./nodes/helplines.ts";
import { MenuNode } from "./nodes/menu.ts";
import { SayNode } from "./nodes/say.ts";
import { SetNode } from "./nodes/set.ts";

/** Any node, told apart by `type`. */
export const Node = z.discriminatedUnion("type", [
  SayNode,
  MenuNode,
  AskNode,
  BranchNode,
  SetNode,
  EscalateNode,
  GotoNode,
  EndNode,
  EraseNode,
  CasesNode,
  HelplinesNode,
]);
export type Node = z.infer<typeof Node>;

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "ids are lowercase letters, digits and _");

/**
 * A flow: a small graph of named nodes, entered at `start`. One flow per file in `flows/`.
 *
 * ```yaml
 * id: contacts
 * description: Offices, opening hours and hotlines.
 * start: pick
 * nodes:
 *   pick: { type: menu, text: contacts.pick, options: [...] }
 * ```
 */
export const Flow = z.strictObject({
  id,
  description: z.string().optional(),
  /**
   * Sections of the project's sourced fact sheet the flow's texts rest on, e.g. `§3.1`;
   * listed in the README's content map.
   */
  sources: z
    .array(
      z
        .string()
        // Part 1 of the fact sheet numbers its sections (§3.1), part 2 letters them (§A.1, §H).
        .regex(/^§(?:\d+|[A-Z])(\.\d+)*$/, "a fact-sheet section such as `§3.1` or `§A.1`"),
    )
    .optional(),
  start: id,
  nodes: z.record(id, Node).refine((n) => Object.keys(n).length > 0, "a flow needs nodes"),
});
export type Flow = z.infer<typeof Flow>;

/** All loaded flows by id. */
export type FlowSet = ReadonlyMap<string, Flow>;
