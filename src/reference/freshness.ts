import type { Problem } from "../flows/problem.ts";
import type { Contact } from "./schema.ts";

/** How old a contact's `checked` date may get before the checker asks for a re-check. */
export const MAX_CHECK_AGE_MONTHS = 12;

/** The date `months` calendar months before `now`, as YYYY-MM-DD (UTC). */
export function monthsBefore(now: number, months: number): string {
  const d = new Date(now);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1));
  // Keep the day of month, clamped to the target month's length (31 March − 1 month → 28/29 Feb).
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0));
  target.setUTCDate(Math.min(d.getUTCDate(), last.getUTCDate()));
  return target.toISOString().slice(0, 10);
}

/**
 * Warnings for contacts whose `checked` date is more than {@link MAX_CHECK_AGE_MONTHS} months
 * before `now`: numbers and addresses change, and staff should look at the source again.
 */
export function staleContacts(
  contacts: readonly Contact[],
  now: number,
  months = MAX_CHECK_AGE_MONTHS,
): Problem[] {
  const limit = monthsBefore(now, months);
  return contacts
    .filter((c) => c.checked < limit)
    .map((c) => ({
      severity: "warning" as const,
      file: "data/contacts.yaml",
      message: `contact "${c.id}" was last checked on ${c.checked}, more than ${months} months ago: check ${c.source} again and update \`checked\``,
    }));
}
