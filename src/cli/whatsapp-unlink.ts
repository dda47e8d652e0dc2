/**
 * `npm run whatsapp:unlink`: forgets the WhatsApp login stored in the database (for moving the
 * bot to another number, or after a ban). Run it while the bot is stopped; the next start shows
 * a new QR code. Conversations, cases and who-is-who are kept.
 */

import { loadDotEnv, readConfig } from "../config.ts";
import { openDatabase } from "../store/db.ts";
import { Store } from "../store/store.ts";
import { runCli } from "./run.ts";

function main(): number {
  loadDotEnv();
  const config = readConfig();
  const store = new Store(openDatabase(config.DATABASE_PATH));
  try {
    const had = store.whatsapp.auth.readCreds() !== undefined;
    store.whatsapp.auth.clear();
    console.error(
      had
        ? `WhatsApp login removed from ${config.DATABASE_PATH}. Also remove "Jalur Resmi" under Linked devices on the old phone. The next start shows a new QR code.`
        : `No WhatsApp login was stored in ${config.DATABASE_PATH}.`,
    );
    return 0;
  } finally {
    store.close();
  }
}

runCli(main);
