import { type Html, html } from "../../http/html.ts";
import type { StaffText } from "../../staff/render.ts";
import type { SignedIn } from "../auth.ts";
import { page } from "../layout.ts";
import { consoleT } from "../text.ts";

/** Where the console serves the Madurese review sheet. */
export const REVIEW_PATHS = {
  page: "/console/teks",
  csv: "/console/teks/madura.csv",
  html: "/console/teks/madura.html",
  css: "/console/teks/lembar.css",
} as const;

/** The page offering the Madurese review sheet for download, with what to do with it. */
export function reviewPage(
  text: StaffText,
  session: SignedIn,
  counts: { n: number; safety: number },
): Html {
  const c = consoleT(text);
  return page(text, {
    title: c("texts_title"),
    session,
    section: "texts",
    body: html`<p>${c("texts_intro")}</p>
<p>${c("texts_count", counts)}</p>
<ul>
<li><a href="${REVIEW_PATHS.csv}" download>${c("texts_csv")}</a></li>
<li><a href="${REVIEW_PATHS.html}">${c("texts_html")}</a></li>
</ul>
<p>${c("texts_steps")}</p>`,
  });
}
