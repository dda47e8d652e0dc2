/**
 * `npm run eval:intents [-- --set PATH] [--cv] [--misses]`: evaluates the matcher on the
 * evaluation set (test/intents/eval*.yaml by default: each file, then all together) and prints
 * top-1 accuracy per language, the out-of-scope false-accept rate, danger and self-harm
 * recall, false alarms on everyday talk, language detection and the mean time per match.
 * `--cv` also runs leave-one-out cross-validation on the example phrases (for tuning
 * data/understanding/matcher.yaml without looking at the evaluation set); `--misses` lists
 * what went wrong.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  crossValidate,
  type EvalReport,
  evalSetFiles,
  evaluate,
  formatReport,
  readEvalSet,
} from "../understanding/evaluate.ts";
import { loadMatcher } from "../understanding/load.ts";

/** The project root (where data/ and test/ live). */
const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

function misses(report: EvalReport): string[] {
  return report.misses.map(
    (m) =>
      `  [${m.lang}] ${m.kind === "flow" ? (m.expect ?? "null") : m.kind} ← got ${m.got ?? "null"} (${m.score}): ${m.text}`,
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
const paths = values.set ? [values.set] : evalSetFiles(join(PROJECT_ROOT, "test", "intents"));
const lines: string[] = [];
const all = paths.flatMap((path) => {
  const cases = readEvalSet(path);
  if (paths.length > 1) {
    const name = path.replace(PROJECT_ROOT, "");
    lines.push(
      ...formatReport(`evaluation block ${name}`, evaluate(matcher, cases, { timingRounds: 0 })),
    );
  }
  return cases;
});
const report = evaluate(matcher, all);
lines.push(...formatReport(`evaluation set (${paths.length} file(s), all together)`, report));
if (values.misses) lines.push(...misses(report));
if (values.cv) {
  const cv = crossValidate(matcher);
  lines.push(...formatReport("cross-validation on the example phrases (leave one out)", cv));
  if (values.misses) lines.push(...misses(cv));
}
process.stdout.write(`${lines.join("\n")}\n`);
