/** Dates as the office reads them. */

/** Today in Pamekasan (WIB, UTC+7), as YYYY-MM-DD. */
export function wibToday(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}
