import { type Html, html } from "../../http/html.ts";
import type { StaffText } from "../../staff/render.ts";
import { SIGN_IN_PATH } from "../auth.ts";
import { page } from "../layout.ts";
import { consoleT } from "../text.ts";

/**
 * The page a sign-in link opens. Opening the link does not use it (chat apps fetch links for
 * previews); the button does, with a form token tied to this browser.
 */
export function signInPage(text: StaffText, token: string, name: string, csrf: string): Html {
  const c = consoleT(text);
  return page(text, {
    title: c("signin_title"),
    body: html`<p>${c("signin_for", { name })}</p>
<form method="post" action="${SIGN_IN_PATH}/${token}">
<input type="hidden" name="_csrf" value="${csrf}">
<button type="submit" autofocus>${c("signin_button")}</button>
</form>`,
  });
}
