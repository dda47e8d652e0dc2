/**
 * The review sheet: one row per Madurese text a user can see, with where it is shown, the
 * Indonesian source, the current Madurese, the decision-log note, and empty cells for the
 * reviewer's correction and comment. Safety texts come first.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Content, contentDirs, loadContent } from "../content.ts";
import type { Lang } from "../engine/types.ts";
import { flatten } from "../i18n/locales.ts";
import { ID_ONLY_NAMESPACES } from "../i18n/namespaces.ts";
import { toCsv } from "./csv.ts";
import { reviewNotes } from "./notes.ts";
import { isSafetyKey, safetyRank } from "./safety.ts";
import { flowPlaces, whereShown } from "./where.ts";

/** The languages a sheet can be made for: the translations, not the Indonesian source. */
export const REVIEW_LANGS: readonly Lang[] = ["mad"];

/** Column headings, in Indonesian (the office's working language), as written to the sheet. */
export const COLUMNS = {
  n: "no",
  key: "kunci",
  safety: "keselamatan",
  where: "ditampilkan di",
  id: "bahasa Indonesia",
  text: "bahasa Madura sekarang",
  note: "catatan (REVIEW.md)",
  correction: "koreksi",
  comment: "komentar",
} as const;

/** One text to review. */
export interface ReviewRow {
  n: number;
  key: string;
  safety: boolean;
  where: string;
  id: string;
  text: string;
  note: string;
}

/** Where a language's decision log lives inside the project. */
export function reviewFile(root: string, lang: Lang): string {
  return join(root, "locales", lang, "REVIEW.md");
}

/** The rows for `lang` from loaded content and the decision log's text, safety texts first. */
export function sheetRows(content: Content, lang: Lang, reviewMarkdown: string): ReviewRow[] {
  const id = flatten(content.locales.resources.id);
  const texts = flatten(content.locales.resources[lang]);
  const notes = reviewNotes(reviewMarkdown);
  const places = flowPlaces(content);
  const keys = [...texts.keys()].filter((k) => !ID_ONLY_NAMESPACES.includes(k.split(".")[0] ?? ""));
  const order = new Map(keys.map((k, i) => [k, i]));
  keys.sort((a, b) => safetyRank(a) - safetyRank(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return keys.map((key, i) => ({
    n: i + 1,
    key,
    safety: isSafetyKey(key),
    where: whereShown(key, places),
    id: id.get(key) ?? "",
    text: texts.get(key) ?? "",
    note: notes.get(key) ?? "",
  }));
}

/** Loads the project at `root` and builds the rows for `lang`. */
export function loadSheetRows(root: string, lang: Lang): ReviewRow[] {
  const file = reviewFile(root, lang);
  const markdown = existsSync(file) ? readFileSync(file, "utf8") : "";
  return sheetRows(loadContent(contentDirs(root)), lang, markdown);
}

/** The sheet as CSV (BOM, CRLF, quoted), with empty correction and comment columns. */
export function sheetCsv(rows: readonly ReviewRow[]): string {
  const head = Object.values(COLUMNS);
  const body = rows.map((r) => [
    String(r.n),
    r.key,
    r.safety ? "YA" : "",
    r.where,
    r.id,
    r.text,
    r.note,
    "",
    "",
  ]);
  // A cell starting with = + - @ would be run as a formula by a spreadsheet: a leading quote
  // keeps it text (the import removes it again).
  const safe = (cell: string) => (/^[=+\-@]/.test(cell) ? `'${cell}` : cell);
  return toCsv([head, ...body.map((row) => row.map(safe))]);
}
