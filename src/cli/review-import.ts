/**
 * `npm run review:import -- FILE.csv [--lang mad] [--apply --reviewer NAME]`: shows what a
 * reviewed sheet would change (a word-level diff per text) and which corrections are refused and
 * why. With `--apply` (and the reviewer's name) it writes the corrections into the locale files
 * and records the review in `locales/<lang>/REVIEW.md`. Exit code 1 while any row is refused.
 * `--root DIR` works on another checkout of the project.
 */
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../app.ts";
import type { Lang } from "../engine/types.ts";
import { CsvError } from "../review/csv.ts";
import { wibToday } from "../review/dates.ts";
import { wordDiff } from "../review/diff.ts";
import {
  applyImport,
  type ImportPlan,
  planImport,
  reviewerName,
  SheetError,
} from "../review/import.ts";
import { REVIEW_LANGS } from "../review/sheet.ts";
import { runCli } from "./run.ts";

/** The plan as the operator reads it. */
export function describePlan(plan: ImportPlan): string {
  const out: string[] = [];
  out.push(`${plan.changes.length} correction(s) to apply:`);
  plan.changes.forEach((c, i) => {
    out.push(
      "",
      `${i + 1}. ${c.key}${c.safety ? "  [SAFETY TEXT]" : ""}  — shown at ${c.where}`,
      `   before: ${c.before.replace(/\n/g, "⏎")}`,
      `   after:  ${c.after.replace(/\n/g, "⏎")}`,
      `   change: ${wordDiff(c.before, c.after)}`,
    );
    if (c.comment) out.push(`   comment: ${c.comment}`);
  });
  if (plan.comments.length) {
    out.push(
      "",
      `${plan.comments.length} comment(s) without a correction (recorded in REVIEW.md):`,
    );
    for (const c of plan.comments) out.push(`- ${c.key}: ${c.comment}`);
  }
  if (plan.refused.length) {
    out.push(
      "",
      `${plan.refused.length} row(s) REFUSED — nothing is written until they are fixed or emptied:`,
    );
    for (const r of plan.refused)
      out.push(`- row ${r.row} ${r.key || "(no key)"}: ${r.problems.join("; ")}`);
  }
  return out.join("\n");
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      lang: { type: "string", default: "mad" },
      apply: { type: "boolean", default: false },
      reviewer: { type: "string" },
      root: { type: "string" },
    },
  });
  const file = positionals[0];
  const lang = values.lang as Lang;
  if (!file || positionals.length > 1) {
    console.error("usage: npm run review:import -- FILE.csv [--apply --reviewer NAME]");
    return 2;
  }
  if (!REVIEW_LANGS.includes(lang)) {
    console.error(`--lang: expected one of ${REVIEW_LANGS.join(", ")}`);
    return 2;
  }
  if (values.apply && !values.reviewer?.trim()) {
    console.error('--apply needs --reviewer "the reviewer\'s name" (it is recorded in REVIEW.md)');
    return 2;
  }
  const root = values.root ?? PROJECT_ROOT;
  let plan: ImportPlan;
  try {
    // npm runs scripts in the project folder; a relative path means where the command was typed.
    plan = planImport(
      root,
      lang,
      readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), "utf8"),
    );
  } catch (error) {
    if (error instanceof SheetError || error instanceof CsvError) {
      console.error(`${file}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  console.log(describePlan(plan));
  if (plan.refused.length) return 1;
  if (!plan.changes.length && !plan.comments.length) {
    console.log("\nNothing to change.");
    return 0;
  }
  if (!values.apply) {
    console.log('\nNothing written yet. To write: add --apply --reviewer "NAME".');
    return 0;
  }
  const written = applyImport(root, plan, {
    reviewer: reviewerName(values.reviewer ?? ""),
    date: wibToday(),
    file: basename(file),
  });
  console.log(
    `\nWritten: ${written.join(", ")}. Run npm run flows:check and npm test before committing.`,
  );
  return 0;
}

runCli(main);
