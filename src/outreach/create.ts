/**
 * Making a source, the same way from the console's form and from the staff command `/sumber
 * baru`: checked fields, a fresh code in the case-reference alphabet, and an audit entry.
 */
import { isLang, type Lang } from "../engine/types.ts";
import { isSourceKind, type Source, type SourceKind } from "../store/sources.ts";
import type { Store } from "../store/store.ts";
import { makeSourceCode } from "./code.ts";

/** What staff fill in; everything but the name may be left out. */
export interface SourceInput {
  name: string;
  kind?: string | undefined;
  place?: string | undefined;
  /** `YYYY-MM-DD`. */
  heldOn?: string | undefined;
  lang?: string | undefined;
}

/** Why a source was not made (a `sources.error_*` text). */
export type SourceError = "error_name" | "error_kind" | "error_date" | "error_lang";

const MAX_NAME = 80;
const MAX_PLACE = 60;

/** A real calendar day written `YYYY-MM-DD`. */
function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Checks the fields and makes the source (audited as `source.create` by `actor`). */
export function createSource(
  store: Store,
  input: SourceInput,
  actor: string,
  now: number,
  random: () => number = Math.random,
): { source: Source } | { error: SourceError } {
  const name = input.name.replace(/\s+/g, " ").trim();
  if (!name || name.length > MAX_NAME) return { error: "error_name" };
  const kind = input.kind?.trim() || "other";
  if (!isSourceKind(kind)) return { error: "error_kind" };
  const heldOn = input.heldOn?.trim() || null;
  if (heldOn !== null && !isDay(heldOn)) return { error: "error_date" };
  const lang = input.lang?.trim() || "id";
  if (!isLang(lang)) return { error: "error_lang" };
  const place = (input.place ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_PLACE);
  const code = makeSourceCode(random, (c) => store.sources.byCode(c) !== undefined);
  const source = store.sources.create(
    { code, name, kind: kind as SourceKind, place, heldOn, lang: lang as Lang, createdBy: actor },
    now,
  );
  store.audit.record(now, actor, "source.create", undefined, { code, kind });
  return { source };
}
