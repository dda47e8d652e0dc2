/**
 * The rules a reviewer's correction must keep before it may replace a text: the same
 * `{{placeholders}}`, the same numbers and phone numbers, at most 600 characters on screen, and
 * real Madurese (not the Indonesian copied back).
 */
import { placeholders } from "../i18n/locales.ts";

/** The longest message a phone screen shows (the content rule). */
export const MAX_LENGTH = 600;

/** What a correction is checked against. */
export interface CorrectionInput {
  /** The Indonesian source text. */
  id: string;
  /** The Madurese text in the locale file now. */
  current: string;
  /** The reviewer's text. */
  correction: string;
  /** Reference data (`contacts`) used to render the text at its real length. */
  params: Record<string, unknown>;
}

/** How a value such as `{{case_ref}}` is counted when measuring length (a long reference). */
const STAND_IN = "XXXXXXXXXXXXXXXXXXXX";

const count = (list: readonly string[]) => {
  const m = new Map<string, number>();
  for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
};

/** Items of `a` not matched one-for-one in `b`. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = count(b);
  const out: string[] = [];
  for (const x of a) {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

const withoutPlaceholders = (text: string) => text.replace(/\{\{[^{}]*\}\}/g, " ");

/** Numbers as written (`0800-1000`, `Rp15`, `18–39`, `2024`), outside placeholders. */
export function numbersIn(text: string): string[] {
  return withoutPlaceholders(text).match(/\d+(?:[.,:/\-–]\d+)*/g) ?? [];
}

function lookup(params: Record<string, unknown>, path: string): unknown {
  let value: unknown = params;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The text as a user sees it: data values filled in, other values at a long sample length. */
export function rendered(text: string, params: Record<string, unknown>): string {
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, name: string) => {
    const value = lookup(params, name.split(",")[0]?.trim() ?? "");
    return typeof value === "string" || typeof value === "number" ? String(value) : STAND_IN;
  });
}

/** A text made only of names, numbers and web addresses (e.g. a country), fine to equal the Indonesian. */
export function namesOnly(text: string): boolean {
  const words = withoutPlaceholders(text)
    .replace(/\b[\w.-]+\.(go\.id|com|id|org)\b\S*/g, " ")
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
  return words.every((w) => /\p{N}/u.test(w) || /^\p{Lu}/u.test(w));
}

/** Why the correction may not be used (empty when it may). */
export function correctionProblems(input: CorrectionInput): string[] {
  const { id, current, correction, params } = input;
  const problems: string[] = [];
  const had = placeholders(current);
  const has = placeholders(correction);
  for (const p of minus(had, has)) problems.push(`loses {{${p}}}`);
  for (const p of minus(has, had))
    problems.push(`adds {{${p}}}, which the current text does not have`);
  if (/[{}]/.test(withoutPlaceholders(correction)))
    problems.push(
      "has a broken { or }: a placeholder is written {{name}}, exactly as in the current text",
    );
  const before = numbersIn(current);
  const after = numbersIn(correction);
  for (const n of minus(before, after)) problems.push(`loses or changes the number "${n}"`);
  for (const n of minus(minus(after, before), numbersIn(id)))
    problems.push(`adds the number "${n}", which the Indonesian does not have`);
  const length = rendered(correction, params).length;
  if (length > MAX_LENGTH)
    problems.push(`is too long: ${length} characters on screen, at most ${MAX_LENGTH}`);
  if (correction.trim() === id.trim() && !namesOnly(id))
    problems.push("is the Indonesian text unchanged, not Madurese");
  return problems;
}
