/**
 * The review sheet as one printable page: a reviewer without a spreadsheet can print it, write
 * corrections by hand in the empty column, and hand it back to the office.
 */
import type { Lang } from "../engine/types.ts";
import { type Html, html, raw } from "../http/html.ts";
import type { ReviewRow } from "./sheet.ts";

const LANG_NAMES: Record<Lang, string> = { id: "Indonesia", mad: "Madura" };

/** The page's styles, for serving as a stylesheet where inline styles are not allowed. */
export const SHEET_CSS = `
body{font:11pt/1.35 system-ui,sans-serif;margin:1.5em;color:#111}
h1{font-size:15pt;margin:0 0 .3em}h2{font-size:13pt;margin:1.2em 0 .4em}
p{max-width:60em}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #888;padding:.3em .4em;vertical-align:top;text-align:left}
th{background:#eee}
td.text{white-space:pre-wrap}
td.key{font:9pt ui-monospace,monospace;word-break:break-all;width:9em}
td.where{font-size:9pt;color:#333}
td.write{min-width:14em}
tr.safety td.key{border-left:4px solid #b00}
@media print{@page{size:A4 landscape;margin:1cm}body{margin:0}tr{break-inside:avoid}thead{display:table-header-group}}
`;

function table(rows: readonly ReviewRow[]): Html {
  return html`<table>
<thead><tr><th>No</th><th>Kunci / ditampilkan di</th><th>Bahasa Indonesia</th><th>Bahasa Madura sekarang</th><th>Catatan</th><th>Koreksi</th><th>Komentar</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr${r.safety ? html` class="safety"` : ""}>
<td>${r.n}</td>
<td class="key">${r.key}<br><span class="where">${r.where}</span></td>
<td class="text" lang="id">${r.id}</td>
<td class="text" lang="mad">${r.text}</td>
<td class="where">${r.note}</td>
<td class="write"></td>
<td class="write"></td>
</tr>
`,
)}
</tbody>
</table>`;
}

/**
 * The printable page for `lang`, dated `date` (YYYY-MM-DD). Styles are inline (a file that opens
 * anywhere), or linked from `stylesheet` when served under a policy that forbids inline styles.
 */
export function sheetHtml(
  rows: readonly ReviewRow[],
  lang: Lang,
  date: string,
  stylesheet?: string,
): string {
  const name = LANG_NAMES[lang];
  const safety = rows.filter((r) => r.safety);
  const rest = rows.filter((r) => !r.safety);
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Periksa teks bahasa ${name} — Jalur Resmi (${date})</title>
${stylesheet ? html`<link rel="stylesheet" href="${stylesheet}">` : html`<style>${raw(SHEET_CSS)}</style>`}
</head>
<body>
<h1>Periksa teks bahasa ${name} — Jalur Resmi</h1>
<p>Dibuat ${date}. ${rows.length} teks. Baca teks bahasa ${name} di samping teks Indonesianya. Jika kurang tepat atau kurang sopan, tulis perbaikannya di kolom Koreksi; tulis pendapat lain di kolom Komentar. Jangan ubah yang ada di dalam {{…}}, nomor telepon, atau angka. Mulailah dari teks keselamatan (bagian pertama).</p>
<h2>1. Teks keselamatan (${safety.length})</h2>
${table(safety)}
<h2>2. Teks lainnya (${rest.length})</h2>
${table(rest)}
</body>
</html>
`.value;
}
