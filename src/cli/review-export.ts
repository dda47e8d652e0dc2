/**
 * `npm run review:export -- --lang mad [--out FILE.csv]`: writes the review sheet for a native
 * speaker — a CSV for LibreOffice, Excel or Google Sheets, and next to it a printable HTML page
 * (same name, `.html`). Without `--out`: `review-<lang>-<date>.csv` in the current directory.
 * `--root DIR` reads another checkout of the project.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../app.ts";
import type { Lang } from "../engine/types.ts";
import { wibToday } from "../review/dates.ts";
import { loadSheetRows, REVIEW_LANGS, sheetCsv } from "../review/sheet.ts";
import { sheetHtml } from "../review/sheet-html.ts";
import { runCli } from "./run.ts";

function main(): number {
  const { values } = parseArgs({
    options: {
      lang: { type: "string" },
      out: { type: "string" },
      root: { type: "string" },
    },
  });
  const lang = values.lang as Lang | undefined;
  if (!lang || !REVIEW_LANGS.includes(lang)) {
    console.error(`--lang: expected one of ${REVIEW_LANGS.join(", ")} (Indonesian is the source)`);
    return 2;
  }
  const date = wibToday();
  // npm runs scripts in the project folder; a relative path means where the command was typed.
  const here = process.env.INIT_CWD ?? process.cwd();
  const csvPath = resolve(here, values.out ?? `review-${lang}-${date}.csv`);
  const htmlPath = `${csvPath.replace(/\.csv$/i, "")}.html`;
  const rows = loadSheetRows(values.root ?? PROJECT_ROOT, lang);
  writeFileSync(csvPath, sheetCsv(rows));
  writeFileSync(htmlPath, sheetHtml(rows, lang, date));
  const safety = rows.filter((r) => r.safety).length;
  console.log(`${rows.length} texts (${safety} safety texts first)`);
  console.log(`spreadsheet: ${csvPath}`);
  console.log(`printable:   ${htmlPath}`);
  console.log(
    'The reviewer fills in "koreksi" (and "komentar"); read it back with: npm run review:import -- FILE',
  );
  return 0;
}

runCli(main);
