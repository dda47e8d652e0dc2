import { type Html, html } from "../../http/html.ts";
import type { StaffText } from "../../staff/render.ts";
import type { SignedIn } from "../auth.ts";
import { horizontalBars, OTHERS_COLOR, PALETTE, type Series, stackedBars } from "../charts.ts";
import { page } from "../layout.ts";
import type { Breakdown, QuestionNamer, Statistics } from "../stats.ts";
import { type ConsoleT, consoleT } from "../text.ts";

const WIB_MS = 7 * 3_600_000;

/** `dd/mm` of a week start. */
function weekLabel(ms: number): string {
  const d = new Date(ms + WIB_MS);
  return `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

const hours = (h: number | null) => (h === null ? "-" : h < 10 ? h.toFixed(1) : h.toFixed(0));

/** A table of the numbers behind a chart, folded away under the chart. */
function numbers(c: ConsoleT, head: readonly string[], rows: readonly (readonly string[])[]): Html {
  return html`<details><summary>${c("chart_table")}</summary><table>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((v, i) => (i === 0 ? html`<th scope="row">${v}</th>` : html`<td class="num">${v}</td>`))}</tr>`)}</tbody>
</table></details>`;
}

function breakdownChart(
  c: ConsoleT,
  id: string,
  title: string,
  labels: readonly string[],
  parts: readonly Breakdown[],
  name: (key: string) => string,
): Html {
  if (parts.every((p) => p.counts.every((n) => n === 0))) {
    return html`<h2 id="${id}">${title}</h2><p>${c("no_data")}</p>`;
  }
  const series: Series[] = parts.map((p, i) => ({
    name: p.key === null ? c("others") : name(p.key),
    color: p.key === null ? OTHERS_COLOR : (PALETTE[i % PALETTE.length] as string),
    values: p.counts,
  }));
  const rows = labels.map((label, w) => [
    label,
    ...series.map((s) => String(s.values[w] ?? 0)),
    String(series.reduce((sum, s) => sum + (s.values[w] ?? 0), 0)),
  ]);
  return html`<h2 id="${id}">${title}</h2>
<figure>${stackedBars({ id: `${id}-chart`, title, labels, series })}</figure>
${numbers(c, [c("col_week"), ...series.map((s) => s.name), c("col_total")], rows)}`;
}

/** The statistics page: four charts, each with its numbers. */
export function statsPage(
  text: StaffText,
  session: SignedIn,
  stats: Statistics,
  name: QuestionNamer,
): Html {
  const c = consoleT(text);
  const labels = stats.weeks.map(weekLabel);
  const category = breakdownChart(
    c,
    "h-category",
    c("chart_category"),
    labels,
    stats.byCategory,
    (k) => text.label("staff.category_", k),
  );
  const country = breakdownChart(
    c,
    "h-country",
    c("chart_country"),
    labels,
    stats.byCountry,
    (k) => (k === "" ? c("country_none") : text.value("country", k)),
  );
  const response = stats.overallResponded
    ? html`<p class="big">${c("response_overall", { value: hours(stats.overallHours), n: stats.overallResponded })}</p>
<figure>${stackedBars({
        id: "response-chart",
        title: c("chart_response"),
        labels,
        series: [
          {
            name: c("col_median"),
            color: PALETTE[0],
            values: stats.responseHours.map((h) => h ?? 0),
          },
        ],
      })}</figure>
${numbers(
  c,
  [c("col_week"), c("col_median"), c("col_cases")],
  labels.map((l, i) => [l, hours(stats.responseHours[i] ?? null), String(stats.responded[i] ?? 0)]),
)}`
    : html`<p>${c("response_none")}</p>`;
  const flows = stats.flows.length
    ? html`<figure>${horizontalBars({
        id: "flows-chart",
        title: c("chart_flows"),
        rows: stats.flows.map((f) => ({ label: name(f.flow), values: [f.entries] })),
        series: [{ name: c("col_entries"), color: PALETTE[0] }],
      })}</figure>
${numbers(
  c,
  [c("col_flow"), c("col_entries")],
  stats.flows.map((f) => [`${name(f.flow)} (${f.flow})`, String(f.entries)]),
)}`
    : html`<p>${c("no_data")}</p>`;
  const worst = stats.dropoff.slice(0, 15);
  const dropoff = worst.length
    ? html`<p class="note">${c("dropoff_explain")}</p>
<figure>${horizontalBars({
        id: "dropoff-chart",
        title: c("chart_dropoff"),
        rows: worst.map((n) => ({
          label: name(n.flow, n.node),
          values: [n.dropped, n.answered],
        })),
        series: [
          { name: c("col_dropped"), color: PALETTE[5] },
          { name: c("col_answered"), color: PALETTE[2] },
        ],
      })}</figure>
${numbers(
  c,
  [c("col_node"), c("col_reached"), c("col_answered"), c("col_dropped"), c("col_rate")],
  worst.map((n) => [
    `${name(n.flow, n.node)} (${n.flow}.${n.node})`,
    String(n.reached),
    String(n.answered),
    String(n.dropped),
    `${Math.round(n.rate * 100)}%`,
  ]),
)}`
    : html`<p>${c("no_data")}</p>`;
  // Which danger rule raised alarms, and how often people said no or went elsewhere.
  const rules = stats.dangerRules.length
    ? html`<p class="note">${c("danger_rules_explain")}</p>
${numbers(
  c,
  [c("col_rule"), c("col_started"), c("col_declined"), c("col_left")],
  stats.dangerRules.map((r) => [r.rule, String(r.started), String(r.declined), String(r.left)]),
)}`
    : html`<p>${c("no_data")}</p>`;
  return page(text, {
    title: c("stats_title"),
    session,
    section: "stats",
    body: html`<p>${c("stats_period", { weeks: stats.weeks.length, since: labels[0] ?? "" })}</p>
${category}
${country}
<h2 id="h-response">${c("chart_response")}</h2>
${response}
<h2 id="h-flows">${c("chart_flows")}</h2>
${flows}
<h2 id="h-dropoff">${c("chart_dropoff")}</h2>
${dropoff}
<h2 id="h-danger-rules">${c("chart_danger_rules")}</h2>
${rules}`,
  });
}
