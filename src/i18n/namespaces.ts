/** Namespaces written only in Indonesian: staff-facing texts (staff work in Indonesian). */
// `sources`: the outreach pages and `/sumber` (src/outreach/console-keys.ts).
export const ID_ONLY_NAMESPACES: readonly string[] = ["staff", "console", "sources"];
