/**
 * `npm run cases:export -- --since YYYY-MM-DD [--until YYYY-MM-DD] [--with-contact] [--out FILE]`:
 * writes the cases created in that period as CSV (to stdout, or to FILE) for office reporting.
 */

import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadDotEnv, readConfig } from "../config.ts";
import { casesCsv } from "../staff/export.ts";
import { openDatabase } from "../store/db.ts";
import { Store } from "../store/store.ts";
import { runCli } from "./run.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function main(): number {
  const { values } = parseArgs({
    options: {
      since: { type: "string" },
      until: { type: "string" },
      "with-contact": { type: "boolean", default: false },
      out: { type: "string" },
      db: { type: "string" },
    },
  });
  if (!values.since || !DATE.test(values.since)) {
    console.error("--since: expected a date such as 2026-01-01");
    return 2;
  }
  if (values.until !== undefined && !DATE.test(values.until)) {
    console.error("--until: expected a date such as 2026-12-31");
    return 2;
  }
  loadDotEnv();
  const config = readConfig();
  const store = new Store(openDatabase(values.db ?? config.DATABASE_PATH));
  try {
    // Dates are days in Pamekasan (WIB, UTC+7).
    const since = Date.parse(`${values.since}T00:00:00+07:00`);
    const until = values.until
      ? Date.parse(`${values.until}T00:00:00+07:00`) + 86_400_000
      : undefined;
    const csv = casesCsv(store.cases.createdSince(since, until), values["with-contact"] ?? false);
    if (values.out) writeFileSync(values.out, csv, { mode: 0o600 });
    else process.stdout.write(csv);
    store.audit.record(Date.now(), "operator", "cases.export", undefined, {
      since: values.since,
      withContact: values["with-contact"] ?? false,
    });
  } finally {
    store.close();
  }
  return 0;
}

runCli(main);
