import type { CaseRecord } from "../store/cases.ts";

/** Columns of the office export, in order. */
const COLUMNS = [
  "ref",
  "created_at",
  "kind",
  "category",
  "priority",
  "status",
  "country",
  "channel",
  "language",
  "first_response_at",
  "resolved_at",
  "assignee",
  "office",
] as const;

const CONTACT_COLUMNS = ["reporter_address", "contact_phone"] as const;

function cell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  // Spreadsheet programs run cells starting with = + - @ as formulas: neutralise them.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());

/**
 * Cases as CSV for office reporting: no attachments, no answers beyond the country, and no
 * reporter contact unless `withContact` (then the channel address and any phone the reporter
 * gave to be called).
 */
export function casesCsv(cases: CaseRecord[], withContact: boolean): string {
  const header = [...COLUMNS, ...(withContact ? CONTACT_COLUMNS : [])];
  const rows = cases.map((c) => {
    const country = typeof c.answers.country === "string" ? c.answers.country : "";
    const values: (string | number | null)[] = [
      c.ref,
      iso(c.createdAt),
      c.kind,
      c.category,
      c.priority,
      c.status,
      country,
      c.reporterChannel,
      c.reporterLang,
      iso(c.firstResponseAt),
      iso(c.resolvedAt),
      c.assignee,
      c.office,
    ];
    if (withContact) {
      const phone = c.answers.contact_phone;
      values.push(c.reporterAddress, typeof phone === "string" ? phone : null);
    }
    return values.map(cell).join(",");
  });
  return `${[header.join(","), ...rows].join("\r\n")}\r\n`;
}
