/**
 * The flow checker: finds what would go wrong in a conversation before anyone has it — broken
 * targets, unreachable nodes, loops without a question, missing or unused translations, and
 * messages that could show an unset `{{variable}}`. Each kind of defect is one named check in
 * `checks/` (registered in `checks/index.ts`).
 */
import { LANGS } from "../engine/types.ts";
import { type CheckInput, contextOf } from "./checks/context.ts";
import { CHECKS } from "./checks/index.ts";
import type { Problem } from "./problem.ts";

export type { CheckInput } from "./checks/context.ts";

/** The checker's verdict. */
export interface CheckResult {
  problems: Problem[];
  summary: string;
  errors: number;
  warnings: number;
}

/** Runs every registered check over the content. */
export function checkContent(input: CheckInput): CheckResult {
  const context = contextOf(input);
  const problems = CHECKS.flatMap((check) => check.run(context));
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const summary =
    `flows:check — ${input.flows.flows.size} flows, ${context.graph.nodes.size} nodes; ` +
    `keys: ${LANGS.map((l) => `${l} ${context.texts[l].size}`).join(", ")}; ` +
    `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
  return { problems, summary, errors, warnings };
}
