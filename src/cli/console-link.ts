/**
 * `npm run console:link -- --name "NAME" [--db PATH]`: prints a one-time sign-in link to the
 * staff web console for a local operator (`local:NAME`), for when there is no staff chat to
 * type `/masuk` in. Whoever can run this on the server can read the database anyway; the link
 * is still single-use, valid 10 minutes, stored hashed and audited.
 */
import { parseArgs } from "node:util";
import { ConfigError, loadDotEnv, readConfig } from "../config.ts";
import { ConsoleLinks, LINK_TTL_MS, SIGN_IN_PATH } from "../console/auth.ts";
import { localUrl } from "../console/urls.ts";
import { LOCAL_OPERATORS } from "../staff/directory.ts";
import { openDatabase } from "../store/db.ts";
import { Store } from "../store/store.ts";

/** A name staff will recognise in the case history: letters, digits, spaces and . ' - only. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} .'-]{0,59}$/u;

function main(): number {
  const { values } = parseArgs({
    options: { name: { type: "string" }, db: { type: "string" } },
  });
  const name = values.name?.trim().replace(/\s+/g, " ");
  if (!name || !NAME.test(name)) {
    console.error(
      '--name: expected the operator\'s name (letters, digits, spaces; up to 60), e.g. --name "Rina"',
    );
    return 2;
  }
  loadDotEnv();
  const config = readConfig();
  const store = new Store(openDatabase(values.db ?? config.DATABASE_PATH));
  try {
    const now = Date.now();
    const actor = `${LOCAL_OPERATORS}:${name}`;
    const token = new ConsoleLinks(store.consoleAuth, undefined).create({ actor, name }, now);
    store.audit.record(now, actor, "console.link", undefined, { via: "cli" });
    const base = config.PUBLIC_URL ?? localUrl(config.HTTP_HOST, config.PORT).url;
    process.stdout.write(`${base}${SIGN_IN_PATH}/${token}\n`);
    process.stderr.write(
      `One-time sign-in link for ${name}, valid ${LINK_TTL_MS / 60_000} minutes. Open it in the browser; do not share it.\n`,
    );
  } finally {
    store.close();
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exitCode = 1;
}
