/**
 * `npm run backup -- [--out FILE]`: an online backup of the database (safe while the bot runs),
 * checked, readable by its owner only; by default into `BACKUP_DIR`, or `backups/` next to the
 * database, named like the bot's own scheduled copies (and pruned with them).
 */

import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { loadDotEnv, readConfig } from "../config.ts";
import { backupDatabase, backupFileName } from "../store/backup.ts";
import { openDatabase } from "../store/db.ts";
import { runCli } from "./run.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: "string" }, db: { type: "string" } } });
  loadDotEnv();
  const config = readConfig();
  const source = values.db ?? config.DATABASE_PATH;
  const dir = config.BACKUP_DIR ?? join(dirname(source), "backups");
  const out = values.out ?? join(dir, backupFileName(Date.now()));
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
