/**
 * The bot's content — flows, translations and reference data — loaded from a project
 * directory and checked as one.
 */
import { join } from "node:path";
import { CODE_KEYS } from "./code-keys.ts";
import type { Translator } from "./engine/deps.ts";
import type { Lang } from "./engine/types.ts";
import { type CheckResult, checkContent } from "./flows/check.ts";
import { INTENT_FLOWS, REQUIRED_FLOWS_SEVERITY } from "./flows/contract.ts";
import { type LoadedFlows, loadFlows } from "./flows/load.ts";
import { type Locales, loadLocales } from "./i18n/locales.ts";
import { ID_ONLY_NAMESPACES } from "./i18n/namespaces.ts";
import { createTranslator } from "./i18n/translator.ts";
import { loadReference, type Reference } from "./reference/load.ts";
import type { UnderstandingData } from "./understanding/data.ts";
import { loadUnderstanding } from "./understanding/load.ts";

/** Everything the bot says and knows, as loaded from disk. */
export interface Content {
  flows: LoadedFlows;
  locales: Locales;
  reference: Reference;
  /** What the free-text matcher is built from; undefined when `data/` has none (fixtures). */
  understanding: UnderstandingData | undefined;
}

/** Where content lives; tests point these at fixtures. */
export interface ContentDirs {
  flows: string;
  locales: string;
  data: string;
}

/** The content directories of a project root. */
export function contentDirs(root: string): ContentDirs {
  return { flows: join(root, "flows"), locales: join(root, "locales"), data: join(root, "data") };
}

/** Loads flows, locales and data; problems are collected, not thrown. */
export function loadContent(dirs: ContentDirs): Content {
  const reference = loadReference(dirs.data);
  const understanding = loadUnderstanding(dirs.data);
  // The checker reports reference problems; understanding data is reference data too.
  reference.problems.push(...understanding.problems);
  return {
    flows: loadFlows(dirs.flows),
    locales: loadLocales(dirs.locales),
    reference,
    understanding: understanding.data,
  };
}

/** Runs the flow checker over loaded content (`now` dates the contacts' freshness check). */
export function checkLoaded(
  content: Content,
  codeKeys: readonly string[] = CODE_KEYS,
  now: number = Date.now(),
): CheckResult {
  return checkContent({
    ...content,
    codeKeys,
    required: INTENT_FLOWS,
    requiredSeverity: REQUIRED_FLOWS_SEVERITY,
    idOnly: ID_ONLY_NAMESPACES,
    now,
  });
}

/** A translator over loaded content. */
export function translatorFor(
  content: Content,
  onMissing?: (lang: Lang, key: string) => void,
): Translator {
  return createTranslator(content.locales.resources, onMissing);
}
