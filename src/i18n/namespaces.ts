/** Namespaces written only in Indonesian: staff-facing texts (staff work in Indonesian). */
export const ID_ONLY_NAMESPACES: readonly string[] = ["staff", "console"];
