/**
 * Phone numbers shown to users must come from `data/` (with a source and a date), never be typed
 * into a message. This check finds numbers written literally in the locales: phone-like digit
 * runs, numbers that `data/` holds (written out instead of `{{contacts.…}}`), and numbers
 * after words such as "telepon" or "WhatsApp".
 */
import { LANGS, type Lang } from "../../engine/types.ts";
import type { Reference } from "../../reference/load.ts";
import type { Problem } from "../problem.ts";
import type { Check } from "./context.ts";

/** Seven or more digits, optionally after `+`, separated by spaces or dashes only. */
const PHONE_LIKE = /(?<![\w.,$])\+?\d(?:[ -]?\d){6,}(?![\w.,])/g;
/** A number right after a word that introduces a phone number. */
const AFTER_WORD =
  /\b(?:telepon|telpon|telp|tel|hubungi|nomor|no\.|hotline|call center|whatsapp|wa|sms)\s*:?\s*(\+?\d[\d -]{1,}\d)/gi;
/** A standalone short number (110, 129, 1955 …). */
const SHORT = /(?<![\w.,/$+-])\d{3,5}(?![\w.,/-])/g;

const digits = (text: string) => text.replace(/\D/g, "");

/** Every phone-like value `data/` holds, as bare digits. */
function dataNumbers(reference: Reference): Set<string> {
  const numbers = new Set<string>();
  const add = (v: string | undefined) => {
    if (v && digits(v).length >= 3) numbers.add(digits(v));
  };
  for (const c of reference.contacts) {
    add(c.phone);
    add(c.whatsapp);
    add(c.sms);
  }
  for (const place of Object.values(reference.places)) {
    for (const line of place.lines) {
      add(line.params.number);
      add(line.params.phone);
      add(line.params.whatsapp);
    }
  }
  return numbers;
}

/** Problems for numbers written literally in the texts of every language. */
function literalPhoneNumbers(
  texts: Record<Lang, Map<string, string>>,
  reference: Reference,
): Problem[] {
  const known = dataNumbers(reference);
  // A service whose name holds its number ("SAPA 129") may be named.
  const names = reference.contacts
    .map((c) => c.name.split("(")[0]?.trim() ?? "")
    .filter((n) => /\d/.test(n));
  const problems: Problem[] = [];
  for (const lang of LANGS) {
    for (const [key, raw] of texts[lang]) {
      // What `{{…}}` fills in comes from data/ (or the session), so it is not looked at.
      let text = raw.replace(/\{\{[^}]*\}\}/g, " ");
      for (const name of names) text = text.split(name).join(" ");
      const found = new Set<string>();
      for (const m of text.matchAll(PHONE_LIKE)) found.add(m[0].trim());
      for (const m of text.matchAll(AFTER_WORD)) if (m[1]) found.add(m[1].trim());
      for (const m of text.matchAll(SHORT)) if (known.has(m[0])) found.add(m[0]);
      for (const number of found) {
        const fromData = known.has(digits(number));
        problems.push({
          severity: "error",
          file: `locales/${lang}/${key.split(".")[0]}.json`,
          message: fromData
            ? `"${key}" writes the phone number ${number} literally: use its {{contacts.…}} or data value so it keeps its source`
            : `"${key}" shows the phone number ${number}, which does not come from data/ with a source`,
        });
      }
    }
  }
  return problems;
}

/** Phone numbers written into a message instead of coming from `data/` with a source. */
export const phoneNumbers: Check = {
  name: "phone-numbers",
  run: ({ texts, input }) => literalPhoneNumbers(texts, input.reference),
};
