import { type Html, html } from "../../http/html.ts";
import { COLUMNS, type SourceStats } from "../../outreach/stats.ts";
import type { StaffText } from "../../staff/render.ts";
import type { SignedIn } from "../auth.ts";
import { OTHERS_COLOR, PALETTE, type Series, stackedBars } from "../charts.ts";
import { page } from "../layout.ts";
import { SOURCES_PATHS, sourcesT } from "./sources.ts";

/** Sources drawn with their own colour; the rest are one grey "others". */
const CHART_SOURCES = 7;

/** The column heads of the weekly tables. */
export function columnHeads(text: StaffText): string[] {
  const s = sourcesT(text);
  return COLUMNS.map((m) => (m === "new_users" ? s("col_new_users") : s(`col_${m}`)));
}

/**
 * Statistics by source: one chart of new users per week and source (hidden counts are not
 * drawn), then per source a table of weeks with every count as shown, and its language share.
 */
export function sourceStatsPage(
  text: StaffText,
  session: SignedIn,
  view: { stats: readonly SourceStats[]; labels: readonly string[] },
): Html {
  const s = sourcesT(text);
  const active = view.stats.filter((x) => x.active);
  const { labels } = view;
  const heads = columnHeads(text);
  const shownSeries = (x: SourceStats) => x.columns.new_users?.weeks.map((w) => w.value) ?? [];
  const series: Series[] = active.slice(0, CHART_SOURCES).map((x, i) => ({
    name: `${x.source.code} ${x.source.name}`,
    color: PALETTE[i % PALETTE.length] as string,
    values: shownSeries(x),
  }));
  const rest = active.slice(CHART_SOURCES);
  if (rest.length)
    series.push({
      name: s("others"),
      color: OTHERS_COLOR,
      values: labels.map((_, w) => rest.reduce((sum, x) => sum + (shownSeries(x)[w] ?? 0), 0)),
    });
  const tables = active.map((x) => {
    const rows = labels.map(
      (label, w) =>
        html`<tr><th scope="row">${label}</th>${COLUMNS.map((m) => html`<td class="num">${x.columns[m]?.weeks[w]?.text ?? "0"}</td>`)}</tr>`,
    );
    return html`<h2 id="src-${x.source.code}"><a href="${SOURCES_PATHS.one(x.source.code)}">${x.source.code}</a> ${x.source.name}</h2>
<p>${s("lang_share", { id: x.lang.id.text, mad: x.lang.mad.text })}</p>
<table class="source-stats" data-source="${x.source.code}">
<thead><tr><th scope="col">${s("col_week")}</th>${heads.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row">${s("col_total")}</th>${COLUMNS.map((m) => html`<td class="num">${x.columns[m]?.total.text ?? "0"}</td>`)}</tr></tfoot>
</table>`;
  });
  const body = active.length
    ? html`<figure>${stackedBars({ id: "sources-chart", title: s("chart_new_users"), labels, series })}</figure>
<p class="note">${s("chart_note")}</p>
${tables}`
    : html`<p>${s("stats_none")}</p>`;
  return page(text, {
    title: s("stats_title"),
    session,
    section: "sources",
    body: html`<p>${s("stats_intro", { weeks: labels.length, since: labels[0] ?? "" })}</p>
<p><a href="${SOURCES_PATHS.csv}">${s("stats_csv")}</a></p>
${body}`,
  });
}
