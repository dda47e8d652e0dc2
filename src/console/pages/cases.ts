import { CASE_STATUSES } from "../../engine/types.ts";
import { type Html, html } from "../../http/html.ts";
import { CATEGORIES } from "../../staff/keys.ts";
import { type StaffText, wib } from "../../staff/render.ts";
import type { CaseFilter, CaseRecord } from "../../store/cases.ts";
import type { SignedIn } from "../auth.ts";
import { page } from "../layout.ts";
import { LIVE_JS_PATH } from "../live.ts";
import { consoleT } from "../text.ts";

const PRIORITIES = ["urgent", "high", "normal"] as const;

/** What the case list shows. */
export interface CaseListView {
  filter: CaseFilter;
  cases: readonly CaseRecord[];
  facets: { countries: readonly string[]; channels: readonly string[] };
  offset: number;
  pageSize: number;
  /** True when another page follows. */
  more: boolean;
  /** A staff member's display name by `channel:id`, when known. */
  nameOf: (actor: string) => string | undefined;
  /** What waits for staff (the tab title's counts) and the newest case's id. */
  waiting: { fresh: number; unanswered: number; newest: number };
}

/** The case list: filters (a plain GET form), a table, and paging links. */
export function caseListPage(text: StaffText, session: SignedIn, view: CaseListView): Html {
  const c = consoleT(text);
  const { filter } = view;
  const select = (
    name: keyof CaseFilter,
    label: string,
    values: readonly string[],
    labelOf: (v: string) => string,
  ) => html`<div><label for="f-${name}">${label}</label>
<select id="f-${name}" name="${name}"><option value="">${c("filter_any")}</option>${values.map(
    (v) =>
      html`<option value="${v}"${filter[name] === v ? html` selected` : ""}>${labelOf(v)}</option>`,
  )}</select></div>`;
  const query = (offset: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
    if (offset > 0) params.set("offset", String(offset));
    const s = params.toString();
    return s ? `/console?${s}` : "/console";
  };
  const country = (r: CaseRecord) =>
    typeof r.answers.country === "string" ? text.value("country", r.answers.country) : "-";
  const rows = view.cases.map(
    (r) => html`<tr>
<td><a href="/console/kasus/${r.ref}">${r.ref}</a></td>
<td>${wib(r.createdAt)}</td>
<td><span class="badge p-${r.priority}">${text.text(`staff.card_priority_${r.priority}`)}</span></td>
<td>${text.label("staff.status_", r.status)}</td>
<td>${text.label("staff.category_", r.category)}</td>
<td>${country(r)}</td>
<td>${text.label("staff.channel_", r.reporterChannel ?? "-")}</td>
<td>${r.assignee ? text.actor(r.assignee, view.nameOf) : "-"}</td>
</tr>`,
  );
  const table = view.cases.length
    ? html`<p class="note">${c("cases_shown", { from: view.offset + 1, to: view.offset + view.cases.length })}</p>
<table class="stack">
<thead><tr><th scope="col">${c("col_ref")}</th><th scope="col">${c("col_created")}</th><th scope="col">${c("col_priority")}</th><th scope="col">${c("col_status")}</th><th scope="col">${c("col_category")}</th><th scope="col">${c("col_country")}</th><th scope="col">${c("col_channel")}</th><th scope="col">${c("col_assignee")}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
    : html`<p>${c("cases_none")}</p>`;
  const pager = html`<nav class="pager" aria-label="${c("cases_title")}">${
    view.offset > 0
      ? html`<a href="${query(Math.max(0, view.offset - view.pageSize))}">${c("page_prev")}</a>`
      : ""
  }${view.more ? html`<a href="${query(view.offset + view.pageSize)}">${c("page_next")}</a>` : ""}</nav>`;
  const { waiting } = view;
  const counts =
    waiting.fresh || waiting.unanswered
      ? `${c("title_waiting", { fresh: waiting.fresh, unanswered: waiting.unanswered })} `
      : "";
  return page(text, {
    title: c("cases_title"),
    tabTitle: `${counts}${c("cases_title")}`,
    session,
    section: "cases",
    script: LIVE_JS_PATH,
    refreshSeconds: 30,
    data: {
      title: `${c("cases_title")} · ${c("app_name")}`,
      waiting: c("title_waiting", { fresh: "{fresh}", unanswered: "{unanswered}" }),
    },
    body: html`<p class="live"><button type="button" id="notify" hidden aria-pressed="false" data-off="${c("notify_off")}" data-on="${c("notify_on")}" data-alert="${c("notify_alert")}">${c("notify_off")}</button> <a href="/console">${c("refresh_list")}</a></p>
<form class="filters" method="get" action="/console" aria-label="${c("filter_title")}">
<div><label for="f-ref">${c("filter_ref")}</label><input id="f-ref" name="ref" value="${filter.ref ?? ""}" placeholder="JR-7Q3K" size="10"></div>
${select("status", c("filter_status"), CASE_STATUSES, (v) => text.text(`staff.status_${v}`))}
${select("priority", c("filter_priority"), PRIORITIES, (v) => text.text(`staff.card_priority_${v}`))}
${select("category", c("filter_category"), CATEGORIES, (v) => text.label("staff.category_", v))}
${select("country", c("filter_country"), view.facets.countries, (v) => text.value("country", v))}
${select("channel", c("filter_channel"), view.facets.channels, (v) => text.label("staff.channel_", v))}
<div><button type="submit">${c("filter_apply")}</button></div>
<div><a href="/console">${c("filter_reset")}</a></div>
</form>
<div id="case-list" data-newest="${waiting.newest}">
${table}
${pager}
</div>`,
  });
}
