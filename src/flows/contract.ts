/** Flow ids that outside tools rely on (operators' scripts, test harnesses): README "Flow ids". */
export const REQUIRED_FLOWS = [
  "menu",
  "legal_steps",
  "documents",
  "costs",
  "passport",
  "agency_check",
  "offer_check",
  "risks",
  "trafficking",
  "jobs",
  "report",
  "emergency",
  "human",
  "contacts",
  "case_status",
  "language",
  "privacy",
  "thanks",
] as const;

/**
 * How the checker treats a missing required flow: a warning while the content is being written,
 * an error once every flow exists.
 */
export const REQUIRED_FLOWS_SEVERITY: "error" | "warning" = "error";
