/**
 * STAFF_HOURS: when the office's staff read cases, written the way it is shown to users —
 * "Senin–Jumat 08.00–16.00 WIB" (a day or a range of days, a time range, WIB). The bot tells
 * people outside these hours when a person will read their message.
 */
import type { StaffHours } from "../engine/deps.ts";

/** Indonesian day names, Sunday first (as `Date#getUTCDay`). */
const DAYS = ["minggu", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu"] as const;
const DAY_NAMES = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"] as const;
/** Western Indonesia Time (UTC+7, no daylight saving). */
const WIB_MS = 7 * 3_600_000;

const PATTERN =
  /^\s*([a-z']+)(?:\s*[-–]\s*([a-z']+))?\s*,?\s+(\d{1,2})[.:](\d{2})\s*[-–]\s*(\d{1,2})[.:](\d{2})\s+wib\s*$/i;

function day(name: string): number {
  return DAYS.indexOf(name.toLowerCase().replace(/'/g, "") as (typeof DAYS)[number]);
}

/** The parsed hours, or an error message naming what is wrong. */
export function parseStaffHours(text: string): StaffHours | { error: string } {
  const m = PATTERN.exec(text);
  if (!m) return { error: 'expected days and hours in WIB, e.g. "Senin–Jumat 08.00–16.00 WIB"' };
  const [, from = "", to, h1 = "", m1 = "", h2 = "", m2 = ""] = m;
  const first = day(from);
  const last = to ? day(to) : first;
  if (first < 0 || last < 0) return { error: `unknown day name (use ${DAY_NAMES.join(", ")})` };
  const start = Number(h1) * 60 + Number(m1);
  const end = Number(h2) * 60 + Number(m2);
  if (Number(h1) > 23 || Number(h2) > 24 || Number(m1) > 59 || Number(m2) > 59 || end <= start)
    return { error: "the closing time must come after the opening time, both 00.00–24.00" };
  const workdays = new Set<number>();
  for (let d = first; ; d = (d + 1) % 7) {
    workdays.add(d);
    if (d === last) break;
  }
  const local = (now: number) => {
    const d = new Date(now + WIB_MS);
    return { day: d.getUTCDay(), minute: d.getUTCHours() * 60 + d.getUTCMinutes() };
  };
  const isOpen = (now: number) => {
    const { day: d, minute } = local(now);
    return workdays.has(d) && minute >= start && minute < end;
  };
  const opening = `${h1.padStart(2, "0")}.${m1}`;
  return {
    text: text.trim(),
    isOpen,
    nextOpen(now) {
      const { day: d, minute } = local(now);
      if (workdays.has(d) && minute < start) return `${DAY_NAMES[d]} ${opening} WIB`;
      for (let i = 1; i <= 7; i++) {
        const next = (d + i) % 7;
        if (workdays.has(next)) return `${DAY_NAMES[next]} ${opening} WIB`;
      }
      return `${opening} WIB`;
    },
  };
}
