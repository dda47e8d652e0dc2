/**
 * Phone numbers in the bot's messages become `tel:` links in the web chat, so a person in danger
 * can call with one tap. Telegram and WhatsApp make `+CC …` numbers tappable themselves.
 *
 * Linked: numbers in international form (`+60 17-668 8032`), long numbers (seven or more digits,
 * with spaces or dashes: `0800-1000`, `1800-2255-233`), and short service numbers where a
 * message names them as numbers — after a colon or after "polisi", "telepon" or "SAPA"
 * (`Polisi: 110`, `SAPA 129`, `Telepon 119`). Times (`08.00`), amounts and counts stay text.
 */
import { escapeHtml, Html } from "../../http/html.ts";

/** The pattern, shared with the page's script (`client.ts`). Group 2 is the number. */
export const PHONE_LINK_SOURCE =
  "(^|[^\\w+.,/])(?!\\d{4}-\\d\\d-\\d\\d)(\\+\\d[\\d -]{5,}\\d|\\d(?:[ -]?\\d){6,}|(?<=(?::|polisi|telepon|tèlpon|SAPA) )\\d{3,5})(?![\\w/]|[.,-]\\d)";

/** The digits a `tel:` link dials: `+` and digits only. */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, "")}`;
}

/** A bot message as HTML, its phone numbers as `tel:` links; everything else escaped. */
export function withPhoneLinks(text: string): Html {
  const pattern = new RegExp(PHONE_LINK_SOURCE, "giu");
  let out = "";
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const lead = m[1] ?? "";
    const number = m[2] ?? "";
    const start = (m.index ?? 0) + lead.length;
    out += escapeHtml(text.slice(last, start));
    out += `<a href="${telHref(number)}">${escapeHtml(number)}</a>`;
    last = start + number.length;
  }
  return new Html(out + escapeHtml(text.slice(last)));
}
