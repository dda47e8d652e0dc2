/**
 * What the outreach pages and the staff command need besides the store: where each channel is
 * reached, the places staff pick from, the emergency line that works from abroad (with its
 * source, from `data/contacts.yaml`) and the bot's translator. Built once with the app.
 */
import type { Config } from "../config.ts";
import type { Translator } from "../engine/deps.ts";
import type { Lang } from "../engine/types.ts";
import type { Source } from "../store/sources.ts";
import { type EntryBases, type EntryLinks, entryBases, entryLinks } from "./links.ts";
import { loadPlaces } from "./places.ts";

/** The contact a poster gives for danger abroad: reachable from any country ([V]). */
export const EMERGENCY_CONTACT = "kemlu_hotline";

/** A sourced phone number, as posters print it. */
export interface SourcedPhone {
  phone: string;
  source: string;
  checked: string;
}

/** The outreach kit's fixed parts. */
export interface OutreachKit {
  bases: EntryBases;
  /** Kecamatan of Pamekasan for the place field. */
  places: string[];
  /** Undefined only with content that lacks it (test fixtures); posters then leave it out. */
  emergency: SourcedPhone | undefined;
  t: Translator;
  /** A source's entry links for readers of `lang`. */
  links(source: Pick<Source, "code" | "lang">, lang: Lang): EntryLinks;
}

/** A contact as `data/contacts.yaml` holds it (the fields the kit reads). */
export interface ContactData {
  id: string;
  phone?: string | undefined;
  source: string;
  checked: string;
}

/** Builds the kit from the configuration and the contacts (`root` holds `data/`). */
export function outreachKit(
  config: Config,
  contacts: readonly ContactData[],
  t: Translator,
  root: string,
): OutreachKit {
  const contact = contacts.find((c) => c.id === EMERGENCY_CONTACT);
  const bases = entryBases(config);
  return {
    bases,
    places: loadPlaces(root),
    emergency: contact?.phone
      ? { phone: contact.phone, source: contact.source, checked: contact.checked }
      : undefined,
    t,
    links: (source, lang) => entryLinks(source, lang, bases, t(lang, "outreach.wa_greeting")),
  };
}
