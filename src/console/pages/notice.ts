import { type Html, html } from "../../http/html.ts";
import type { StaffText } from "../../staff/render.ts";
import type { SignedIn } from "../auth.ts";
import { page } from "../layout.ts";
import { consoleT } from "../text.ts";

/** A page that only says something: sign-in needed, a refused request, nothing found. */
export function noticePage(
  text: StaffText,
  titleKey: string,
  lines: readonly string[],
  session?: SignedIn,
  extra?: Html,
): Html {
  const c = consoleT(text);
  return page(text, {
    title: c(titleKey),
    session,
    body: html`${lines.map((l) => html`<p>${l}</p>`)}${extra ?? ""}`,
  });
}
