import { PROJECT_ROOT } from "../../app.ts";
import { wibToday } from "../../review/dates.ts";
import { loadSheetRows, sheetCsv } from "../../review/sheet.ts";
import { SHEET_CSS, sheetHtml } from "../../review/sheet-html.ts";
import type { ConsoleContext, ConsoleWeb } from "../context.ts";
import { REVIEW_PATHS, reviewPage } from "../pages/review.ts";

/**
 * The Madurese review sheet for an office without a terminal: the same sheet as
 * `npm run review:export`, read from the project's files at the moment of download. Staff only
 * (the console's guard), and every download is audited.
 */
export function reviewRoutes(web: ConsoleWeb, x: ConsoleContext, root = PROJECT_ROOT): void {
  const { store, text, options } = x;
  web.get(REVIEW_PATHS.page, (ctx) => {
    const rows = loadSheetRows(root, "mad");
    const counts = { n: rows.length, safety: rows.filter((r) => r.safety).length };
    return x.show(ctx, reviewPage(text, ctx.get("session"), counts));
  });
  const download = (format: "csv" | "html") =>
    web.get(REVIEW_PATHS[format], (ctx) => {
      const now = options.clock();
      const date = wibToday(now);
      const rows = loadSheetRows(root, "mad");
      store.audit.record(now, ctx.get("session").actor, "review.export", undefined, {
        lang: "mad",
        format,
        via: "web",
      });
      if (format === "html")
        return ctx.body(sheetHtml(rows, "mad", date, REVIEW_PATHS.css), 200, {
          "Content-Type": "text/html; charset=utf-8",
        });
      return ctx.body(sheetCsv(rows), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="review-mad-${date}.csv"`,
      });
    });
  web.get(REVIEW_PATHS.css, (ctx) =>
    ctx.body(SHEET_CSS, 200, { "Content-Type": "text/css; charset=utf-8" }),
  );
  download("csv");
  download("html");
}
