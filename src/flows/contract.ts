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
  "crisis",
  "share",
  "human",
  "contacts",
  "case_status",
  "language",
  "privacy",
  "thanks",
] as const;

/**
 * Topic flows added to the fixed list for what families need most (issue 13): reachable from
 * the menu's "Topik lainnya" and from free text, like the contract flows.
 */
export const TOPIC_FLOWS = [
  "detained",
  "come_home",
  "repatriation",
  "bpjs",
  "middle_east",
  "malaysia_jobs",
  "routes_asia",
  "remittance",
] as const;

/** Every flow that free text may lead to: the contract flows and the topic flows. */
export const INTENT_FLOWS = [...REQUIRED_FLOWS, ...TOPIC_FLOWS] as const;

/**
 * How the checker treats a missing required flow: a warning while the content is being written,
 * an error once every flow exists.
 */
export const REQUIRED_FLOWS_SEVERITY: "error" | "warning" = "error";
