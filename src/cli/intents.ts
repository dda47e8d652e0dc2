/**
 * `npm run --silent intents [-- --matcher-only]`: reads one text per line on stdin and writes
 * one JSON line per input line: {"text","intent","score","lang"}.
 *
 * `intent` is the flow the bot starts when this text is a new user's first message — global
 * commands (data/commands.yaml), then danger and crisis rules, then the matcher — decided by
 * the same routing function the engine uses (src/engine/routing.ts; README "Intent matcher protocol"). When the bot is unsure
 * and asks "did you mean", `intent` is the first flow it offers; null when it does not
 * understand. `score` is 1 for a command or a danger rule, else the matcher's confidence score.
 * `--matcher-only` reports the matcher alone (for tuning): no commands, the matcher's best flow
 * unless it turned the text down. `lang` is the language the text is written in
 * (DEFAULT_LANGUAGE, else `id`, when the text does not show it).
 *
 * It loads only flows and data — never the app, a database or a channel.
 */

import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Understand } from "../engine/deps.ts";
import { type RoutingDeps, routeFirstMessage, routeFlow } from "../engine/routing.ts";
import { isLang, type Lang } from "../engine/types.ts";
import { loadFlows } from "../flows/load.ts";
import { formatProblem } from "../flows/problem.ts";
import { loadReference } from "../reference/load.ts";
import { intentOf } from "../understanding/evaluate.ts";
import { loadUnderstanding } from "../understanding/load.ts";
import { type Match, Matcher } from "../understanding/matcher.ts";

/** The project root (where flows/ and data/ live). */
const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

const USAGE = "usage: npm run --silent intents [-- --matcher-only] < texts.txt";

/** One output line. */
interface IntentLine {
  text: string;
  intent: string | null;
  score: number;
  lang: Lang;
}

/** Reads the routing inputs; throws an Error listing the data's problems. */
function load(root: string): { matcher: Matcher; deps: Omit<RoutingDeps, "understand"> } {
  const dataDir = join(root, "data");
  const reference = loadReference(dataDir);
  const understanding = loadUnderstanding(dataDir);
  const flows = loadFlows(join(root, "flows"));
  const problems = [...reference.problems, ...understanding.problems, ...flows.problems].filter(
    (p) => p.severity === "error",
  );
  if (problems.length > 0 || !understanding.data) {
    const lines = problems.map(formatProblem);
    throw new Error(lines.join("\n") || `no understanding data in ${dataDir}`);
  }
  const matcher = new Matcher(understanding.data, reference.sources.countries ?? []);
  return { matcher, deps: { flows: flows.flows, commands: reference.commands } };
}

/** Answers one text: the bot's whole first-message routing, or the matcher alone. */
export function intentLine(
  matcher: Matcher,
  deps: Omit<RoutingDeps, "understand">,
  text: string,
  fallback: Lang,
  matcherOnly: boolean,
): IntentLine {
  const match: Match = matcher.match(text);
  const lang = match.lang ?? fallback;
  if (matcherOnly) {
    return { text, intent: intentOf(match.flow, match.confidence), score: match.score, lang };
  }
  // The engine asks the matcher through `understand`; it is the match already made.
  const understand: Understand = (asked) => (asked === text ? match : matcher.match(asked));
  const route = routeFirstMessage({ ...deps, understand }, text, fallback);
  const score = route.kind === "command" ? 1 : match.score;
  return { text, intent: routeFlow(route), score, lang };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--matcher-only");
  if (unknown.length > 0) {
    process.stderr.write(`unknown argument: ${unknown.join(" ")}\n${USAGE}\n`);
    return 2;
  }
  const matcherOnly = args.includes("--matcher-only");
  let loaded: ReturnType<typeof load>;
  try {
    loaded = load(PROJECT_ROOT);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const fallback: Lang = isLang(process.env.DEFAULT_LANGUAGE) ? process.env.DEFAULT_LANGUAGE : "id";
  const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
  for await (const line of rl) {
    const text = line.replace(/\r$/, "");
    const out = intentLine(loaded.matcher, loaded.deps, text, fallback, matcherOnly);
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return 0;
}

// Run only as a program, not when a test imports `intentLine`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
      process.exitCode = 1;
    },
  );
}
