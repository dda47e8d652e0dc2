/**
 * What in a bot message a phone can act on: phone numbers become `tel:` links (one tap to call
 * in an emergency) and case references are kept on one line. The page renders it on the server
 * and the page's script does the same for messages that arrive later, from the one pattern here.
 */
import { type Html, html } from "../../http/html.ts";

/**
 * Short service numbers that are called as they are written (police, ambulance, SAPA, the
 * emergency numbers of the main destinations, Taiwan's worker hotline). Other short numbers in
 * a text (amounts, ages, years) are never linked.
 */
const SHORT_NUMBERS = [
  "110",
  "112",
  "113",
  "115",
  "118",
  "119",
  "129",
  "911",
  "995",
  "997",
  "998",
  "999",
  "1955",
];

/**
 * One pattern with three groups: an international number (+CC …), an Indonesian number
 * (0…, at least 8 digits), a listed short number — or, in the fourth group, a case reference.
 */
export const LINK_PATTERN = String.raw`(\+\d[\d -]{6,18}\d)|(\b0\d[\d -]{6,14}\d\b)|(\b(?:${SHORT_NUMBERS.join("|")})\b)|(\bJR-[2-9A-Z]{4,6}\b)`;

/** A piece of a message: plain text, a number to call, or a case reference. */
export type LinkPart =
  | { kind: "text"; text: string }
  | { kind: "tel"; text: string; tel: string }
  | { kind: "ref"; text: string };

/** Splits a message into plain text, numbers to call and case references. */
export function linkParts(text: string): LinkPart[] {
  const parts: LinkPart[] = [];
  const pattern = new RegExp(LINK_PATTERN, "g");
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ kind: "text", text: text.slice(last, at) });
    const found = m[0];
    if (m[4]) parts.push({ kind: "ref", text: found });
    else parts.push({ kind: "tel", text: found, tel: telOf(found) });
    last = at + found.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

/** The dialable form of a number as written: digits, and a leading + if it had one. */
export function telOf(number: string): string {
  return (number.startsWith("+") ? "+" : "") + number.replace(/\D/g, "");
}

/** A message as markup: escaped text with `tel:` links and unbreakable case references. */
export function linkedText(text: string): Html {
  return html`${linkParts(text).map((p) =>
    p.kind === "tel"
      ? html`<a href="tel:${p.tel}">${p.text}</a>`
      : p.kind === "ref"
        ? html`<span class="ref">${p.text}</span>`
        : p.text,
  )}`;
}
