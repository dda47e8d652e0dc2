/**
 * What can have happened, as the report flow records it (its `what` answers). The matcher sets
 * these from free text, the staff desk labels them, the flows offer them as options.
 */
export const REPORT_CATEGORIES = [
  "lost_contact",
  "unpaid",
  "violence",
  "detained",
  "sick",
  "died",
  "passport_held",
  "wants_home",
  "recruiter",
  "other",
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
