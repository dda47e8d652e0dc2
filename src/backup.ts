/**
 * `npm run backup -- [--out FILE]`: an online backup of the database (safe while the bot runs),
 * by default to `data/backups/jalur-resmi-<time>.db`, readable by its owner only.
 */

import { join } from "node:path";
import { parseArgs } from "node:util";
import { runCli } from "./cli.ts";
import { loadDotEnv, readConfig } from "./config.ts";
import { backupDatabase } from "./store/backup.ts";
import { openDatabase } from "./store/db.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: "string" }, db: { type: "string" } } });
  loadDotEnv();
  const config = readConfig();
  const source = values.db ?? config.DATABASE_PATH;
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
  const out = values.out ?? join("data", "backups", `jalur-resmi-${stamp}.db`);
  const db = openDatabase(source);
  try {
    const pages = await backupDatabase(db, out);
    console.log(`Backup written to ${out} (${pages} pages, integrity ok).`);
  } finally {
    db.close();
  }
  return 0;
}

runCli(main);
