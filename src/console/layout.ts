import { type Html, html } from "../http/html.ts";
import type { StaffText } from "../staff/render.ts";
import type { SignedIn } from "./auth.ts";

/** Where the console's stylesheet is served. */
export const CSS_PATH = "/console/console.css";

/** Which page of the menu is open. */
export type Section = "cases" | "stats" | "sources" | "texts" | undefined;

/** A console page: title, the signed-in header (if any), flash messages and the body. */
export function page(
  t: StaffText,
  options: {
    title: string;
    body: Html;
    session?: SignedIn | undefined;
    section?: Section;
    flash?: readonly string[];
    /** The browser tab's title when it differs from the heading (e.g. with counts). */
    tabTitle?: string;
    /** A script of our own to load (the console allows no inline script). */
    script?: string;
    /** Without JavaScript, reload the page this often (seconds). */
    refreshSeconds?: number;
    /** `data-*` attributes on the body, for the script. */
    data?: Record<string, string>;
  },
): Html {
  const { session, section } = options;
  const c = (key: string, params?: Record<string, unknown>) => t.text(`console.${key}`, params);
  const current = (s: Section) => (s === section ? "page" : undefined);
  const nav = session
    ? html`<nav aria-label="${c("nav_label")}"><ul>
        <li><a href="/console" aria-current="${current("cases") ?? "false"}">${c("nav_cases")}</a></li>
        <li><a href="/console/statistik" aria-current="${current("stats") ?? "false"}">${c("nav_stats")}</a></li>
        <li><a href="/console/sumber" aria-current="${current("sources") ?? "false"}">${t.text("sources.nav")}</a></li>
        <li><a href="/console/teks" aria-current="${current("texts") ?? "false"}">${c("nav_texts")}</a></li>
      </ul></nav>
      <span>${c("signed_in_as", { name: session.name })}</span>
      <form method="post" action="/console/keluar">
        <input type="hidden" name="_csrf" value="${session.csrf}">
        <button type="submit">${c("sign_out")}</button>
      </form>`
    : "";
  const flash = (options.flash ?? []).map(
    (text) => html`<p class="flash" role="status">${text}</p>`,
  );
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.tabTitle ?? options.title} · ${c("app_name")}</title>
<link rel="stylesheet" href="${CSS_PATH}">
${options.script ? html`<script src="${options.script}" defer></script>` : ""}
${options.refreshSeconds ? html`<noscript><meta http-equiv="refresh" content="${options.refreshSeconds}"></noscript>` : ""}
</head>
<body${Object.entries(options.data ?? {}).map(([k, v]) => html` data-${k}="${v}"`)}>
<a class="skip" href="#main">${c("skip")}</a>
<header class="top"><span class="name">${c("app_name")}</span>${nav}</header>
<main id="main" tabindex="-1">
${flash}
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>`;
}
