/** Weeks as the outreach counters keep them: Monday to Sunday, Pamekasan time (WIB, UTC+7). */

const DAY_MS = 86_400_000;
const WIB_MS = 7 * 3_600_000;

/** The WIB day number (days since 1970-01-01 WIB) of the Monday of the week of `ms`. */
export function weekOf(ms: number): number {
  const day = Math.floor((ms + WIB_MS) / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
  return day - ((day + 3) % 7);
}

/** The start (Monday 00:00 WIB, in ms) of a week given by {@link weekOf}. */
export function weekStartMs(week: number): number {
  return week * DAY_MS - WIB_MS;
}

/** `YYYY-MM-DD` of a week's Monday. */
export function weekDate(week: number): string {
  return new Date(week * DAY_MS).toISOString().slice(0, 10);
}
