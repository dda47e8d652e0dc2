/**
 * The outreach pages of the console: the list of sources with the form to make one, and one
 * source with its entry links, QR codes and the print form for posters and cards.
 */
import { LANGS, type Lang } from "../../engine/types.ts";
import { type Html, html } from "../../http/html.ts";
import { ENTRY_CHANNELS, type EntryLinks } from "../../outreach/links.ts";
import { qrSvg } from "../../outreach/qr.ts";
import type { StaffText } from "../../staff/render.ts";
import { SOURCE_KINDS, type Source } from "../../store/sources.ts";
import type { SignedIn } from "../auth.ts";
import { page } from "../layout.ts";

/** Where the outreach pages live. */
export const SOURCES_PATHS = {
  list: "/console/sumber",
  stats: "/console/statistik/sumber",
  csv: "/console/statistik/sumber.csv",
  css: "/console/poster.css",
  one: (code: string) => `/console/sumber/${code}`,
  print: (code: string) => `/console/sumber/${code}/cetak`,
} as const;

/** A `sources.*` text. */
export type SourcesT = (key: string, params?: Record<string, unknown>) => string;

/** The namespace's texts. */
export function sourcesT(text: StaffText): SourcesT {
  return (key, params) => text.text(`sources.${key}`, params);
}

/** What the list page shows. */
export interface SourceListView {
  sources: readonly Source[];
  /** New users of the last weeks, as shown ("< 5" …), by source id. */
  newUsers: ReadonlyMap<number, string>;
  places: readonly string[];
  flash: readonly string[];
}

/** The list of sources and the form to make one. */
export function sourceListPage(text: StaffText, session: SignedIn, view: SourceListView): Html {
  const s = sourcesT(text);
  const rows = view.sources.map(
    (src) => html`<tr>
<td><a href="${SOURCES_PATHS.one(src.code)}">${src.code}</a></td>
<td>${src.name}</td>
<td>${s(`kind_${src.kind}`)}</td>
<td>${src.place || "-"}</td>
<td>${src.heldOn ?? "-"}</td>
<td>${s(`lang_${src.lang}`)}</td>
<td class="num">${view.newUsers.get(src.id) ?? "0"}</td>
</tr>`,
  );
  const table = view.sources.length
    ? html`<table>
<thead><tr><th scope="col">${s("col_code")}</th><th scope="col">${s("col_name")}</th><th scope="col">${s("col_kind")}</th><th scope="col">${s("col_place")}</th><th scope="col">${s("col_date")}</th><th scope="col">${s("col_lang")}</th><th scope="col">${s("col_new_users")}</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : html`<p>${s("list_empty")}</p>`;
  const form = html`<h2 id="h-new">${s("new_title")}</h2>
<form method="post" action="${SOURCES_PATHS.list}" class="source-form">
<input type="hidden" name="_csrf" value="${session.csrf}">
<p><label for="s-name">${s("field_name")}</label><br><input id="s-name" name="name" required maxlength="80" size="40"></p>
<p><label for="s-kind">${s("field_kind")}</label><br><select id="s-kind" name="kind">${SOURCE_KINDS.map((k) => html`<option value="${k}">${s(`kind_${k}`)}</option>`)}</select></p>
<p><label for="s-place">${s("field_place")}</label><br><input id="s-place" name="place" list="places" maxlength="60" size="30">
<datalist id="places">${view.places.map((p) => html`<option value="${p}"></option>`)}</datalist></p>
<p><label for="s-date">${s("field_date")}</label><br><input id="s-date" name="date" type="date"></p>
<p><label for="s-lang">${s("field_lang")}</label><br><select id="s-lang" name="lang">${LANGS.map((l) => html`<option value="${l}">${s(`lang_${l}`)}</option>`)}</select></p>
<p><button type="submit">${s("create")}</button></p>
</form>`;
  return page(text, {
    title: s("list_title"),
    session,
    section: "sources",
    flash: view.flash,
    body: html`<p>${s("list_intro")}</p>
<p><a href="${SOURCES_PATHS.stats}">${s("stats_link")}</a></p>
${table}
${form}`,
  });
}

/** What one source's page shows. */
export interface SourceView {
  source: Source;
  links: Record<Lang, EntryLinks>;
  newUsers: string;
  /** The office name printed last time (the print form's default). */
  office: string;
  flash: readonly string[];
}

/** The app names (the same in both languages) and the web chat. */
const CHANNEL_NAMES = { whatsapp: "WhatsApp", telegram: "Telegram", web: "Web chat" } as const;

/** One source: facts, its entry links with QR codes per language, and the print form. */
export function sourcePage(text: StaffText, session: SignedIn, view: SourceView): Html {
  const s = sourcesT(text);
  const { source } = view;
  const facts = s("source_facts", {
    kind: s(`kind_${source.kind}`),
    place: source.place || "-",
    date: source.heldOn ?? "-",
    lang: s(`lang_${source.lang}`),
  });
  const linkSection = (lang: Lang) => {
    const links = view.links[lang];
    const present = ENTRY_CHANNELS.filter((c) => links[c]);
    const missing = ENTRY_CHANNELS.filter((c) => !links[c]).map((c) => CHANNEL_NAMES[c]);
    if (!present.length)
      return html`<h2>${s("links_title", { lang: s(`lang_${lang}`) })}</h2><p>${s("links_none")}</p>`;
    return html`<h2>${s("links_title", { lang: s(`lang_${lang}`) })}</h2>
<ul class="entry-links">${present.map((c) => {
      const link = links[c] as string;
      return html`<li><strong>${CHANNEL_NAMES[c]}</strong> ${qrSvg(link, `${CHANNEL_NAMES[c]}: ${link}`)}<br><a href="${link}">${link}</a></li>`;
    })}</ul>
${missing.length ? html`<p class="note">${s("links_missing", { channels: missing.join(", ") })}</p>` : ""}`;
  };
  const print = html`<h2 id="h-print">${s("print_title")}</h2>
<form method="get" action="${SOURCES_PATHS.print(source.code)}" class="print-form">
<p><label for="p-lang">${s("print_lang")}</label><br><select id="p-lang" name="bahasa">
<option value="id">${s("lang_id")}</option><option value="mad">${s("lang_mad")}</option><option value="both">${s("print_both")}</option></select></p>
<p><label for="p-size">${s("print_size")}</label><br><select id="p-size" name="ukuran">
<option value="a4">${s("size_a4")}</option><option value="a6">${s("size_a6")}</option></select></p>
<p><label for="p-office">${s("print_office")}</label><br><input id="p-office" name="kantor" maxlength="80" size="40" value="${view.office}"></p>
<p><button type="submit">${s("print_open")}</button></p>
<p class="note">${s("print_note")}</p>
</form>`;
  return page(text, {
    title: s("source_title", { code: source.code, name: source.name }),
    session,
    section: "sources",
    flash: view.flash,
    body: html`<p>${facts}</p>
<p>${s("col_new_users")}: <strong>${view.newUsers}</strong> · <a href="${SOURCES_PATHS.stats}">${s("stats_link")}</a></p>
<p>${s("code_hint", { code: source.code })}</p>
${print}
${LANGS.map(linkSection)}`,
  });
}
