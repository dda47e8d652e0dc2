/**
 * Reading a reviewed sheet back: which texts the reviewer corrected, which corrections break a
 * rule (and why), which rows only carry a comment; and writing the accepted corrections into the
 * locale files, with the reviewer's name and the date in the decision log.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { contentDirs, loadContent } from "../content.ts";
import type { Lang } from "../engine/types.ts";
import { flatten } from "../i18n/locales.ts";
import { ID_ONLY_NAMESPACES } from "../i18n/namespaces.ts";
import { correctionProblems } from "./checks.ts";
import { parseCsv } from "./csv.ts";
import { withMessages } from "./locale-file.ts";
import { type LoggedComment, withReviewLog } from "./notes.ts";
import { isSafetyKey } from "./safety.ts";
import { COLUMNS, reviewFile } from "./sheet.ts";
import { flowPlaces, whereShown } from "./where.ts";

/** Thrown when a sheet cannot be used at all (not a review sheet, missing columns). */
export class SheetError extends Error {}

/** A correction that passed every check. */
export interface Change {
  key: string;
  safety: boolean;
  where: string;
  before: string;
  after: string;
  comment: string;
}

/** A row that cannot be applied, with every reason. */
export interface Refusal {
  /** The row's number in the sheet (its `no` column, or its position). */
  row: string;
  key: string;
  problems: string[];
}

/** What importing a sheet would do. */
export interface ImportPlan {
  lang: Lang;
  changes: Change[];
  comments: LoggedComment[];
  refused: Refusal[];
}

/** Cell text as the sheet program saved it, back to how the locale files write it. */
function clean(cell: string): string {
  let text = cell.normalize("NFC").replace(/\r\n?/g, "\n");
  // Export protects cells that a spreadsheet would read as a formula with a leading quote.
  if (/^'[=+\-@]/.test(text)) text = text.slice(1);
  return text.replace(/^\s+|\s+$/g, "");
}

/** Equal as texts (the locale files' texts are NFC with `\n` line breaks, like {@link clean}'s). */
const same = (a: string, b: string) => a === b.normalize("NFC").trim();

/** Finds the sheet's columns by their headings (case and spacing ignored). */
function columns(header: readonly string[]): Record<keyof typeof COLUMNS, number> {
  const norm = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  const at = Object.fromEntries(
    Object.entries(COLUMNS).map(([name, heading]) => [
      name,
      header.findIndex((h) => norm(h) === norm(heading)),
    ]),
  ) as Record<keyof typeof COLUMNS, number>;
  const needed: (keyof typeof COLUMNS)[] = ["key", "text", "correction", "comment"];
  const missing = needed.filter((c) => at[c] < 0).map((c) => `"${COLUMNS[c]}"`);
  if (missing.length)
    throw new SheetError(
      `not a review sheet: the first row has no column ${missing.join(", ")} (export a new one with review:export)`,
    );
  return at;
}

/** Works out what importing `csvText` into the project at `root` would change. */
export function planImport(root: string, lang: Lang, csvText: string): ImportPlan {
  const [header, ...rows] = parseCsv(csvText);
  if (!header) throw new SheetError("the file is empty");
  const col = columns(header);
  const content = loadContent(contentDirs(root));
  const id = flatten(content.locales.resources.id);
  const texts = flatten(content.locales.resources[lang]);
  const places = flowPlaces(content);
  const plan: ImportPlan = { lang, changes: [], comments: [], refused: [] };
  const seen = new Set<string>();
  for (const [i, cells] of rows.entries()) {
    const get = (c: keyof typeof COLUMNS) => (col[c] >= 0 ? (cells[col[c]] ?? "") : "");
    const row = get("n").trim() || String(i + 2);
    const key = get("key").trim();
    const correction = clean(get("correction"));
    const comment = clean(get("comment")).replace(/\n/g, " ");
    if (!key && !correction && !comment) continue;
    const refuse = (...problems: string[]) => plan.refused.push({ row, key, problems });
    const current = texts.get(key);
    if (current === undefined || ID_ONLY_NAMESPACES.includes(key.split(".")[0] ?? "")) {
      refuse(`unknown key "${key}" (keys are not to be edited)`);
      continue;
    }
    if (seen.has(key)) {
      refuse("the key appears twice in the sheet");
      continue;
    }
    seen.add(key);
    const changed = correction !== "" && !same(correction, current);
    if (!changed) {
      if (comment) plan.comments.push({ key, comment });
      continue;
    }
    const problems = correctionProblems({
      id: id.get(key) ?? "",
      current,
      correction,
      params: content.reference.params,
    });
    // The reviewer corrected a text that has changed since: their fix may undo a newer one.
    if (!same(clean(get("text")), current))
      problems.push(
        "the Madurese text was changed in the project after this sheet was made; export a new sheet and copy the correction there",
      );
    if (problems.length) {
      refuse(...problems);
      continue;
    }
    plan.changes.push({
      key,
      safety: isSafetyKey(key),
      where: whereShown(key, places),
      before: current,
      after: correction,
      comment,
    });
  }
  return plan;
}

/** A reviewer's name as it may be recorded: one line, no table bars, at most 80 characters. */
export function reviewerName(name: string): string {
  const clean = name
    .normalize("NFC")
    .replace(/[|\s]+/g, " ")
    .trim();
  if (!clean) throw new SheetError("--reviewer needs the reviewer's name");
  return clean.slice(0, 80);
}

/**
 * Writes the plan's corrections into `locales/<lang>/*.json` (only the changed lines) and
 * records the review in the decision log. Refuses while any row is refused: a sheet is applied
 * whole or not at all. Returns the files written (relative to `root`).
 */
export function applyImport(
  root: string,
  plan: ImportPlan,
  review: { reviewer: string; date: string; file: string },
): string[] {
  if (plan.refused.length) throw new SheetError("the sheet has refused rows; nothing was written");
  if (!plan.changes.length && !plan.comments.length) return [];
  const byFile = new Map<string, Map<string, string>>();
  for (const c of plan.changes) {
    const [file = "", ...rest] = c.key.split(".");
    const updates = byFile.get(file) ?? new Map<string, string>();
    updates.set(rest.join("."), c.after);
    byFile.set(file, updates);
  }
  // Build every new file first, so a file that cannot take its changes stops all of them.
  const outputs = [...byFile].map(([file, updates]) => {
    const path = join(root, "locales", plan.lang, `${file}.json`);
    return {
      path,
      name: `locales/${plan.lang}/${file}.json`,
      text: withMessages(readFileSync(path, "utf8"), updates),
    };
  });
  const logPath = reviewFile(root, plan.lang);
  let log = "";
  try {
    log = readFileSync(logPath, "utf8");
  } catch {
    log = `# ${plan.lang} texts: decision log\n`;
  }
  const newLog = withReviewLog(log, {
    reviewer: reviewerName(review.reviewer),
    date: review.date,
    file: review.file,
    changes: plan.changes,
    comments: plan.comments,
  });
  for (const o of outputs) writeFileSync(o.path, o.text);
  writeFileSync(logPath, newLog);
  return [...outputs.map((o) => o.name), `locales/${plan.lang}/REVIEW.md`];
}
