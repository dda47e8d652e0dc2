/** The places staff pick for a source: `data/outreach.yaml` (kecamatan of Pamekasan). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import * as z from "zod";

const OutreachData = z.strictObject({
  kecamatan: z.strictObject({
    source: z.url(),
    checked: z.union([z.string(), z.date()]),
    names: z.array(z.string().min(1)).min(1),
  }),
});

/** The kecamatan names, in the file's order. */
export function loadPlaces(root: string): string[] {
  const text = readFileSync(join(root, "data", "outreach.yaml"), "utf8");
  return OutreachData.parse(parse(text)).kecamatan.names;
}
