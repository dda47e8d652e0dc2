/**
 * Printable posters (A4) and hand-out cards (A6, four to an A4 sheet) for a source, in
 * Indonesian, Madurese or both side by side: the QR codes of its entry links (SVG, sharp in
 * print), the free-service line, three red flags of a non-procedural offer (fact sheet §5.1),
 * the emergency line that works from abroad with its source (`data/contacts.yaml`), and the
 * office's name with a slot for its logo. Plain HTML and a print stylesheet: the browser's
 * "Print" (or "Save as PDF") makes the paper.
 */
import type { Lang } from "../engine/types.ts";
import { type Html, html } from "../http/html.ts";
import type { Source } from "../store/sources.ts";
import type { OutreachKit } from "./kit.ts";
import { ENTRY_CHANNELS, type EntryChannel } from "./links.ts";
import { qrSvg } from "./qr.ts";

/** Paper sizes. */
export const POSTER_SIZES = ["a4", "a6"] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];

/** What to print. */
export interface PosterOptions {
  source: Pick<Source, "code" | "lang" | "name">;
  /** One language, or two side by side. */
  langs: Lang[];
  size: PosterSize;
  /** The office's name printed at the top ("" leaves the line empty to write on). */
  office: string;
  /** Where the stylesheet is served. */
  cssPath: string;
}

/** The app names under each code (names, the same in both languages) — and the web's label. */
function channelLabel(kit: OutreachKit, lang: Lang, channel: EntryChannel): string {
  if (channel === "whatsapp") return "WhatsApp";
  if (channel === "telegram") return "Telegram";
  return kit.t(lang, "outreach.poster_web");
}

/** The QR codes of one language's links, each with its label (and the web address as text). */
function codes(kit: OutreachKit, source: PosterOptions["source"], lang: Lang): Html {
  const links = kit.links(source, lang);
  return html`<ul class="codes">${ENTRY_CHANNELS.filter((c) => links[c]).map((c) => {
    const link = links[c] as string;
    const label = channelLabel(kit, lang, c);
    return html`<li class="code code-${c}">${qrSvg(link, `${label}: ${link}`)}<span class="label">${label}</span>${c === "web" ? html`<span class="url">${link.replace(/^https?:\/\//, "")}</span>` : ""}</li>`;
  })}</ul>`;
}

/** The office line and the logo slot. */
function masthead(kit: OutreachKit, lang: Lang, office: string): Html {
  return html`<header class="mast"><div class="logo" aria-label="${kit.t(lang, "outreach.poster_logo")}">${kit.t(lang, "outreach.poster_logo")}</div><p class="office">${office}</p></header>`;
}

/** The emergency line and the sources of the numbers. */
function emergency(kit: OutreachKit, lang: Lang): Html {
  const e = kit.emergency;
  if (!e) return html``;
  return html`<section class="danger"><h3>${kit.t(lang, "outreach.poster_emergency_title")}</h3><p>${kit.t(lang, "outreach.poster_emergency", { phone: e.phone })}</p></section>`;
}

function sources(kit: OutreachKit, lang: Lang, code: string): Html {
  const e = kit.emergency;
  return html`<footer class="sources"><p class="code-line">${kit.t(lang, "outreach.poster_code", { code })}</p>${e ? html`<p>${kit.t(lang, "outreach.poster_sources", { source: e.source, date: e.checked })}</p>` : ""}</footer>`;
}

/** Three red flags of a non-procedural offer (fact sheet §5.1). */
function flags(kit: OutreachKit, lang: Lang): Html {
  const t = (key: string) => kit.t(lang, `outreach.${key}`);
  return html`<section class="flags"><h2>${t("poster_flags_title")}</h2><ol>
<li>${t("poster_flag_visa")}</li><li>${t("poster_flag_recruiter")}</li><li>${t("poster_flag_money")}</li>
</ol></section>`;
}

/** One language's half (or whole) of an A4 poster. */
function posterSide(kit: OutreachKit, options: PosterOptions, lang: Lang): Html {
  const t = (key: string) => kit.t(lang, `outreach.${key}`);
  return html`<article class="side" lang="${lang}">
${masthead(kit, lang, options.office)}
<h1>${t("poster_title")}</h1>
<p class="lead">${t("poster_lead")}</p>
<p class="free">${t("poster_free")}</p>
<p class="scan">${t("poster_scan")}</p>
${codes(kit, options.source, lang)}
${flags(kit, lang)}
${emergency(kit, lang)}
${sources(kit, lang, options.source.code)}
</article>`;
}

/** One A6 card. */
function card(kit: OutreachKit, options: PosterOptions, lang: Lang): Html {
  const t = (key: string) => kit.t(lang, `outreach.${key}`);
  return html`<article class="card" lang="${lang}">
${masthead(kit, lang, options.office)}
<h1>${t("card_title")}</h1>
<p class="free">${t("poster_free")}</p>
${codes(kit, options.source, lang)}
${flags(kit, lang)}
${emergency(kit, lang)}
${sources(kit, lang, options.source.code)}
</article>`;
}

/** The printable page. */
export function posterPage(kit: OutreachKit, options: PosterOptions): Html {
  const { langs, size } = options;
  const first = langs[0] ?? "id";
  // Four cards to a sheet: in two languages, each column one language.
  const cards = Array.from({ length: 4 }, (_, i) => langs[i % langs.length] ?? first);
  const body =
    size === "a6"
      ? html`<main class="sheet cards">${cards.map((lang) => card(kit, options, lang))}</main>`
      : html`<main class="sheet poster${langs.length > 1 ? " both" : ""}">${langs.map((lang) => posterSide(kit, options, lang))}</main>`;
  return html`<!doctype html>
<html lang="${first}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.source.name} · ${options.source.code}</title>
<link rel="stylesheet" href="${options.cssPath}">
</head>
<body class="${size}">
${body}
</body>
</html>`;
}

/** The print stylesheet: A4 pages, mm sizes, no colour needed (photocopies stay readable). */
export const POSTER_CSS = `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #e5e5e5; color: #111;
  font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
.sheet { width: 210mm; height: 297mm; margin: 8mm auto; background: #fff; overflow: hidden;
  page-break-after: always; break-after: page; }
@media print { html, body { background: #fff; } .sheet { margin: 0; } }
.poster { display: flex; padding: 12mm; gap: 8mm; }
.poster .side { flex: 1; display: flex; flex-direction: column; min-width: 0; }
.poster.both .side + .side { border-left: 0.4mm dashed #777; padding-left: 8mm; }
.mast { display: flex; align-items: center; gap: 4mm; margin-bottom: 4mm; }
.logo { width: 22mm; height: 22mm; border: 0.4mm dashed #888; display: flex; align-items: center;
  justify-content: center; font-size: 7pt; color: #777; text-align: center; flex: none; }
.office { font-weight: bold; font-size: 12pt; margin: 0; min-height: 6mm; flex: 1;
  border-bottom: 0.3mm solid #bbb; }
h1 { font-size: 24pt; line-height: 1.15; margin: 2mm 0 3mm; }
.both h1 { font-size: 18pt; }
.lead { font-size: 11pt; margin: 0 0 3mm; }
.both .lead { font-size: 9.5pt; }
.free { font-size: 13pt; font-weight: bold; border: 0.6mm solid #111; padding: 2mm 3mm;
  margin: 0 0 3mm; }
.both .free { font-size: 11pt; }
.scan { margin: 0 0 2mm; font-size: 10pt; }
.codes { list-style: none; display: flex; flex-wrap: wrap; gap: 4mm; padding: 0; margin: 0 0 4mm;
  justify-content: space-around; }
.code { display: flex; flex-direction: column; align-items: center; width: 52mm; }
.both .code { width: 40mm; }
.qr { width: 48mm; height: 48mm; }
.both .qr { width: 36mm; height: 36mm; }
.code .label { font-weight: bold; font-size: 11pt; margin-top: 1mm; }
.code .url { font-size: 7.5pt; word-break: break-all; text-align: center; }
.flags h2 { font-size: 12pt; margin: 0 0 1mm; }
.flags ol { margin: 0 0 3mm; padding-left: 6mm; font-size: 10.5pt; }
.both .flags ol { font-size: 9pt; }
.danger { border: 0.5mm solid #111; background: #f2f2f2; padding: 2mm 3mm; margin: 0 0 3mm; }
.danger h3 { margin: 0 0 1mm; font-size: 11pt; }
.danger p { margin: 0; font-size: 10pt; }
.sources { margin-top: auto; font-size: 7pt; color: #444; word-break: break-all; }
.sources p { margin: 0.5mm 0; }
.code-line { font-size: 10pt; color: #111; font-weight: bold; }
.cards { display: grid; grid-template-columns: 105mm 105mm; grid-template-rows: 148.5mm 148.5mm; }
.card { padding: 6mm; display: flex; flex-direction: column; border: 0.2mm dashed #999; overflow: hidden; }
.card .mast { margin-bottom: 2mm; }
.card .logo { width: 12mm; height: 12mm; font-size: 5pt; }
.card .office { font-size: 8pt; min-height: 4mm; }
.card h1 { font-size: 12pt; margin: 1mm 0 2mm; }
.card .free { font-size: 8.5pt; padding: 1mm 2mm; margin-bottom: 2mm; }
.card .codes { gap: 2mm; margin-bottom: 2mm; }
.card .code { width: 29mm; }
.card .qr { width: 27mm; height: 27mm; }
.card .code .label { font-size: 7.5pt; }
.card .code .url { font-size: 5.5pt; }
.card .flags h2 { font-size: 8pt; }
.card .flags ol { font-size: 7pt; margin-bottom: 2mm; padding-left: 4mm; }
.card .danger { padding: 1mm 2mm; margin-bottom: 1mm; }
.card .danger h3 { font-size: 8pt; }
.card .danger p { font-size: 7pt; }
.card .sources { font-size: 5pt; }
.card .code-line { font-size: 8pt; }
`;
