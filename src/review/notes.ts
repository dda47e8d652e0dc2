/**
 * `locales/<lang>/REVIEW.md`, the decision log: reading the note written for each key, and
 * adding a native reviewer's corrections and comments to its log section.
 */

/** The heading under which imports record each native review. */
export const LOG_HEADING = "## Native review log";

const ROW = /^\|\s*`([a-z_]+\.[a-z0-9_]+)`\s*\|(.*)\|\s*$/;

/** Splits a Markdown table row's inside into cells (`\|` is a literal bar). */
function cells(inside: string): string[] {
  return inside.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

/** Markdown inline marks and `<br>` as plain text, for a spreadsheet cell. */
function plain(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, " / ")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/\*([^*]+)\*/g, "$1")
    .replace(/`([^`]+)`/g, "$1");
}

/**
 * The note on each key: every table row that starts with the key in backticks contributes its
 * cells after the Indonesian and the Madurese (evidence, decision, what to check), as plain text.
 * Rows in the review log are left out: they record what was done, not what to look at.
 */
export function reviewNotes(markdown: string): Map<string, string> {
  const notes = new Map<string, string>();
  let inLog = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (line.startsWith("## ")) inLog = line.trim() === LOG_HEADING;
    const m = inLog ? null : ROW.exec(line);
    if (!m) continue;
    const rest = cells(m[2] as string)
      .slice(2)
      .filter((c) => c && c !== "—" && c !== "-");
    if (!rest.length) continue;
    const key = m[1] as string;
    const note = plain(rest.join(" — "));
    notes.set(key, notes.has(key) ? `${notes.get(key)} // ${note}` : note);
  }
  return notes;
}

/** One accepted correction, as recorded in the log. */
export interface LoggedChange {
  key: string;
  before: string;
  after: string;
  comment: string;
}

/** A reviewer's comment on a text they did not change. */
export interface LoggedComment {
  key: string;
  comment: string;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");

/**
 * Adds one review to the log section (created at the end of the file if missing), after the
 * entries already there: who reviewed, when, from which file, what changed and what they said.
 */
export function withReviewLog(
  markdown: string,
  entry: {
    reviewer: string;
    date: string;
    file: string;
    changes: readonly LoggedChange[];
    comments: readonly LoggedComment[];
  },
): string {
  const lines = [
    `### ${entry.date} — ${entry.reviewer}`,
    "",
    `From \`${entry.file}\`: ${entry.changes.length} correction(s), ${entry.comments.length} comment(s) without a correction.`,
    "",
  ];
  if (entry.changes.length) {
    lines.push("| Key | Before | After | Reviewer's comment |", "| --- | --- | --- | --- |");
    for (const c of entry.changes)
      lines.push(`| ${c.key} | ${cell(c.before)} | ${cell(c.after)} | ${cell(c.comment)} |`);
    lines.push("");
  }
  if (entry.comments.length) {
    lines.push("| Key | Comment (text not changed) |", "| --- | --- |");
    for (const c of entry.comments) lines.push(`| ${c.key} | ${cell(c.comment)} |`);
    lines.push("");
  }
  const text = markdown.endsWith("\n") ? markdown : `${markdown}\n`;
  const all = text.split("\n");
  const start = all.findIndex((l) => l.trim() === LOG_HEADING);
  if (start < 0) return `${text}\n${LOG_HEADING}\n\n${lines.join("\n")}`;
  let end = all.findIndex((l, i) => i > start && l.startsWith("## "));
  if (end < 0) end = all.length;
  // Insert before the next section, after the log's last non-empty line.
  let at = end;
  while (at > start + 1 && (all[at - 1] ?? "").trim() === "") at--;
  if ((all[at] ?? "") === "" && lines.at(-1) === "") lines.pop();
  all.splice(at, 0, "", ...lines);
  return all.join("\n");
}
