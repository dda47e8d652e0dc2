/**
 * `npm run --silent intents` (a fixed format, see README "Intent matcher protocol"): reads one text per line on stdin and writes one
 * JSON line per input line: {"text","intent","score","lang"}. `intent` is a flow id, or null
 * when the text is out of scope or too unclear to act on; `lang` is the language the text is
 * written in (DEFAULT_LANGUAGE, else `id`, when the text does not show it).
 */

import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { runCli } from "../cli.ts";
import { isLang, type Lang } from "../engine/types.ts";
import { intentOf } from "./evaluate.ts";
import { loadMatcher, UnderstandingDataError } from "./load.ts";

/** The project root (where data/ and test/ live). */
const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

async function main(): Promise<number> {
  let matcher: ReturnType<typeof loadMatcher>;
  try {
    matcher = loadMatcher(join(PROJECT_ROOT, "data"));
  } catch (error) {
    if (error instanceof UnderstandingDataError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const fallback: Lang = isLang(process.env.DEFAULT_LANGUAGE) ? process.env.DEFAULT_LANGUAGE : "id";
  const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
  for await (const line of rl) {
    const text = line.replace(/\r$/, "");
    const m = matcher.match(text);
    const out = {
      text,
      intent: intentOf(m.flow, m.confidence),
      score: m.score,
      lang: m.lang ?? fallback,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return 0;
}

runCli(main);
