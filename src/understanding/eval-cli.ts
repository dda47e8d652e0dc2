/**
 * `npm run eval:intents [-- --set PATH] [--cv] [--misses]`: evaluates the matcher on the
 * evaluation set (test/intents/eval.yaml by default) and prints top-1 accuracy per language,
 * the out-of-scope false-accept rate, language detection and the mean time per match.
 * `--cv` also runs leave-one-out cross-validation on the example phrases (for tuning
 * data/understanding/matcher.yaml without looking at the evaluation set); `--misses` lists
 * what went wrong.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { crossValidate, type EvalReport, evaluate, formatReport, readEvalSet } from "./evaluate.ts";
import { loadMatcher } from "./load.ts";

/** The project root (where data/ and test/ live). */
const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

function misses(report: EvalReport): string[] {
  return report.misses.map(
    (m) => `  [${m.lang}] ${m.expect ?? "null"} ← got ${m.got ?? "null"} (${m.score}): ${m.text}`,
  );
}

const { values } = parseArgs({
  options: {
    set: { type: "string" },
    cv: { type: "boolean", default: false },
    misses: { type: "boolean", default: false },
  },
});
const matcher = loadMatcher(join(PROJECT_ROOT, "data"));
const path = values.set ?? join(PROJECT_ROOT, "test", "intents", "eval.yaml");
const report = evaluate(matcher, readEvalSet(path));
const lines = formatReport(`evaluation set (${path.replace(PROJECT_ROOT, "")})`, report);
if (values.misses) lines.push(...misses(report));
if (values.cv) {
  const cv = crossValidate(matcher);
  lines.push(...formatReport("cross-validation on the example phrases (leave one out)", cv));
  if (values.misses) lines.push(...misses(cv));
}
process.stdout.write(`${lines.join("\n")}\n`);
