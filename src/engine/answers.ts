/**
 * Parsers for typed answers. Each takes what a person typed and returns the value to store, or
 * undefined when the text is not an answer of that type. They are forgiving on purpose: people
 * write "15 jt", "0812-3456-789" or "3/2/2025".
 */
import type { Lexicon } from "./deps.ts";
import { fold } from "./text.ts";

const SCALE: Record<string, number> = {
  rb: 1e3,
  ribu: 1e3,
  k: 1e3,
  jt: 1e6,
  juta: 1e6,
  m: 1e9,
  miliar: 1e9,
  milyar: 1e9,
};

/** Reads a number: "3", "3 bulan", "15.000.000", "15 juta", "2,5 jt". */
export function parseNumber(text: string): number | undefined {
  const m = /(-?\d[\d.,]*)\s*([a-z]+)?/i.exec(text.trim().toLowerCase());
  if (!m) return undefined;
  let digits = m[1] as string;
  const unit = m[2] ? SCALE[m[2]] : undefined;
  // "15.000.000" uses dots for thousands; "2,5" a comma for decimals (Indonesian style).
  if (/^\d{1,3}(\.\d{3})+$/.test(digits)) digits = digits.replace(/\./g, "");
  else digits = digits.replace(/\./g, "").replace(",", ".");
  const value = Number(digits);
  if (!Number.isFinite(value)) return undefined;
  return unit ? Math.round(value * unit) : value;
}

/** Reads yes or no in any supported language; undefined when it is neither. */
export function parseYesNo(text: string, lexicons: Lexicon[]): boolean | undefined {
  const folded = fold(text);
  if (!folded) return undefined;
  const first = folded.split(" ")[0] as string;
  for (const lex of lexicons) {
    if (lex.yes.includes(folded) || lex.yes.includes(first)) return true;
    if (lex.no.includes(folded) || lex.no.includes(first)) return false;
  }
  return undefined;
}

/** A letter typed three or more times in a row ("gatauuu") counts once. */
function squeeze(folded: string): string {
  return folded.replace(/(\p{L})\1{2,}/gu, "$1");
}

/** Most words a "don't know" answer may carry besides the phrase ("gak tau min", "saya juga tidak tahu"). */
const UNKNOWN_EXTRA_WORDS = 2;

/**
 * Reads "I don't know" (gak tau, tidak tahu, ta' onèng …). `only` asks whether the message is
 * just that (a skip for an optional question); otherwise a clause that says it is enough
 * ("saya tidak tahu apakah dia dibayar" to a yes/no question). Each clause is read apart, so
 * "tidak, tahu dari teman" is a "no", not "don't know".
 */
export function isDontKnow(text: string, lexicons: Lexicon[], only = false): boolean {
  const phrases = lexicons.flatMap((lex) => lex.unknown);
  if (phrases.length === 0) return false;
  const clauses = text.split(/[,.;:!?\n]+/).map((c) => squeeze(fold(c)));
  const said = clauses.filter(Boolean);
  const hit = (clause: string) => phrases.find((p) => ` ${clause} `.includes(` ${p} `));
  if (!only) return said.some((c) => hit(c) !== undefined);
  const phrase = said.map(hit).find((p) => p !== undefined);
  if (!phrase) return false;
  const words = said.join(" ").split(" ").length;
  return words - phrase.split(" ").length <= UNKNOWN_EXTRA_WORDS;
}

/** True when the text asks to skip an optional question. */
export function isSkip(text: string, lexicons: Lexicon[]): boolean {
  const folded = fold(text);
  return lexicons.some((lex) => lex.skip.includes(folded));
}

/**
 * Reads a phone number and returns it as E.164 digits without "+" (Indonesian numbers written
 * as 08… become 628…). Undefined unless it has 9 to 15 digits.
 */
export function parsePhone(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return undefined;
  let digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) {
    // already international
  } else if (digits.startsWith("0")) digits = `62${digits.slice(1)}`;
  else if (digits.startsWith("8")) digits = `62${digits}`;
  return digits.length >= 9 && digits.length <= 15 ? digits : undefined;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  feb: 2,
  februari: 2,
  pebruari: 2,
  mar: 3,
  maret: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  jul: 7,
  juli: 7,
  agu: 8,
  agt: 8,
  agustus: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  nov: 11,
  november: 11,
  des: 12,
  desember: 12,
};

const pad = (n: number) => String(n).padStart(2, "0");

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Reads a date and returns `YYYY-MM-DD`, or `YYYY-MM` when only a month was given.
 * Accepts 3/2/2025, 3-2-25, 2025-02-03, "3 februari 2025", "februari 2025". Dates after `now`
 * are refused (the questions ask about the past).
 */
export function parseDate(text: string, now: number): string | undefined {
  const t = fold(text);
  const today = new Date(now);
  const thisYear = today.getUTCFullYear();
  const year = (y: string) => {
    const n = Number(y);
    return y.length === 2 ? 2000 + n : n;
  };
  let result: string | undefined;
  let m = /^(\d{4}) (\d{1,2}) (\d{1,2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validDay(y, mo, d)) result = `${y}-${pad(mo)}-${pad(d)}`;
  }
  m = result ? null : /^(\d{1,2}) (\d{1,2}) (\d{2}|\d{4})$/.exec(t);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), year(m[3] as string)];
    if (validDay(y, mo, d)) result = `${y}-${pad(mo)}-${pad(d)}`;
  }
  m = result ? null : /^(?:(\d{1,2}) )?([a-z]+)(?: (\d{2}|\d{4}))?$/.exec(t);
  if (m && MONTHS[m[2] as string] !== undefined) {
    const mo = MONTHS[m[2] as string] as number;
    const y = m[3] ? year(m[3]) : thisYear;
    if (m[1]) {
      if (validDay(y, mo, Number(m[1]))) result = `${y}-${pad(mo)}-${pad(Number(m[1]))}`;
    } else result = `${y}-${pad(mo)}`;
  }
  if (!result) return undefined;
  const limit = `${thisYear}-${pad(today.getUTCMonth() + 1)}-${pad(today.getUTCDate())}`;
  return result.slice(0, limit.length) <= limit.slice(0, result.length) ? result : undefined;
}
