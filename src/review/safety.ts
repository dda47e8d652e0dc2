/**
 * Which texts a native reviewer should read first: what the bot says when someone is in
 * danger, reports a relative, asks about trafficking or erasing their data, and the warnings
 * against paying brokers or travelling irregularly. A wrong word there can cost more than
 * anywhere else.
 */

/** Namespaces whose every text is a safety text, in the order a reviewer should read them. */
export const SAFETY_NAMESPACES: readonly string[] = [
  "emergency",
  "report",
  "trafficking",
  "privacy",
  "risks",
];

/** Safety texts in other namespaces: warnings, hotlines, prohibitions. */
export const SAFETY_KEYS: readonly string[] = [
  "contacts.danger",
  "contacts.hotline",
  "contacts.abroad",
  "costs.illegal_law",
  "passport.fee",
  "passport.brokers",
  "offer_check.result_high",
  "offer_check.next_step",
];

/** True for a key whose text is a safety text. */
export function isSafetyKey(key: string): boolean {
  return SAFETY_NAMESPACES.includes(key.split(".")[0] ?? "") || SAFETY_KEYS.includes(key);
}

/** Sort rank: safety texts first (in the order above), then everything else. */
export function safetyRank(key: string): number {
  const ns = SAFETY_NAMESPACES.indexOf(key.split(".")[0] ?? "");
  if (ns >= 0) return ns;
  const listed = SAFETY_KEYS.indexOf(key);
  return listed >= 0 ? SAFETY_NAMESPACES.length + listed : Number.MAX_SAFE_INTEGER;
}
