import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LANGS, type Lang } from "../engine/types.ts";

/** One locale file's messages, nested as written. */
export type Messages = { [key: string]: string | Messages };

/** All messages of one language, keyed by file name (`system.json` → `system`). */
export type Resources = Record<string, Messages>;

/** A problem found while reading a locale file. */
export interface LocaleProblem {
  file: string;
  message: string;
}

/** Messages of every language, plus problems found while reading. */
export interface Locales {
  resources: Record<Lang, Resources>;
  problems: LocaleProblem[];
}

/**
 * Reads `locales/<lang>/*.json`. Each file holds the messages of one area; the file name is the
 * first part of the key, so `contacts.json` → `{ "intro": … }` is the key `contacts.intro`.
 */
export function loadLocales(dir: string): Locales {
  const problems: LocaleProblem[] = [];
  const resources = {} as Record<Lang, Resources>;
  for (const lang of LANGS) {
    resources[lang] = {};
    const langDir = join(dir, lang);
    if (!existsSync(langDir)) {
      problems.push({ file: `locales/${lang}`, message: "missing locale directory" });
      continue;
    }
    for (const name of readdirSync(langDir).sort()) {
      if (!name.endsWith(".json")) continue;
      const file = `locales/${lang}/${name}`;
      try {
        const data: unknown = JSON.parse(readFileSync(join(langDir, name), "utf8"));
        if (!isMessages(data)) {
          problems.push({ file, message: "a locale file holds an object of strings or objects" });
          continue;
        }
        resources[lang][name.slice(0, -".json".length)] = data;
      } catch (error) {
        problems.push({ file, message: `invalid JSON: ${(error as Error).message}` });
      }
    }
  }
  return { resources, problems };
}

function isMessages(value: unknown): value is Messages {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === "string" || isMessages(v));
}

/** Flattens nested messages to `a.b.c` → text. */
export function flatten(resources: Resources): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (prefix: string, messages: Messages) => {
    for (const [key, value] of Object.entries(messages)) {
      const path = `${prefix}.${key}`;
      if (typeof value === "string") out.set(path, value);
      else walk(path, value);
    }
  };
  for (const [file, messages] of Object.entries(resources)) walk(file, messages);
  return out;
}

/** The `{{name}}` placeholders of a message (the part before any `,` format). */
export function placeholders(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)) {
    const name = (m[1] as string).split(",")[0]?.trim();
    if (name && !name.startsWith("-")) names.push(name);
  }
  return names;
}
