import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type * as z from "zod";
import { formatProblem, type Problem } from "../flows/problem.ts";
import { loadReference } from "../reference/load.ts";
import { readYamlFile } from "../reference/yaml-file.ts";
import {
  ConceptsFile,
  DangerFile,
  IntentFile,
  LanguageFile,
  MatcherFile,
  NormalizeFile,
  ReportFile,
  RoutesFile,
  type UnderstandingData,
} from "./data.ts";
import { Matcher } from "./matcher.ts";
import { Normalizer } from "./normalize.ts";

/** The understanding data, or the problems that stop it from loading. */
export interface LoadedUnderstanding {
  data: UnderstandingData | undefined;
  problems: Problem[];
}

/**
 * Loads `data/understanding/*.yaml` and `data/intents/*.yaml` from a data directory. A data
 * directory with neither (a test fixture) has no matcher; anything else must be complete.
 */
export function loadUnderstanding(dataDir: string): LoadedUnderstanding {
  const dir = join(dataDir, "understanding");
  const intentsDir = join(dataDir, "intents");
  if (!existsSync(dir) && !existsSync(intentsDir)) return { data: undefined, problems: [] };
  const problems: Problem[] = [];
  const read = <T extends z.ZodType>(name: string, schema: T) =>
    readYamlFile(join(dir, name), `data/understanding/${name}`, schema, problems);
  const normalize = read("normalize.yaml", NormalizeFile);
  const concepts = read("concepts.yaml", ConceptsFile);
  const language = read("language.yaml", LanguageFile);
  const danger = read("danger.yaml", DangerFile);
  const report = read("report.yaml", ReportFile);
  const routes = read("routes.yaml", RoutesFile);
  const matcher = read("matcher.yaml", MatcherFile);

  const intents: IntentFile[] = [];
  const names = existsSync(intentsDir)
    ? readdirSync(intentsDir)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
    : [];
  if (names.length === 0) {
    problems.push({ severity: "error", file: "data/intents", message: "no example phrases" });
  }
  for (const name of names) {
    const file = `data/intents/${name}`;
    const intent = readYamlFile(join(intentsDir, name), file, IntentFile, problems);
    if (!intent) continue;
    if (intent.flow !== basename(name, ".yaml")) {
      problems.push({
        severity: "error",
        file,
        message: `flow "${intent.flow}" must be in a file named ${intent.flow}.yaml`,
      });
      continue;
    }
    intents.push(intent);
  }
  if (!normalize || !concepts || !language || !danger || !report || !routes || !matcher) {
    return { data: undefined, problems };
  }
  if (problems.length > 0) return { data: undefined, problems };
  for (const conflict of new Normalizer(normalize, concepts).conflicts) {
    problems.push({ severity: "error", file: "data/understanding", message: conflict });
  }
  if (problems.length > 0) return { data: undefined, problems };
  return {
    data: { normalize, concepts, language, danger, report, routes, matcher, intents },
    problems,
  };
}

/** Thrown when the understanding data (or the country list) has errors. */
export class UnderstandingDataError extends Error {}

/**
 * Builds the matcher from a data directory, for tools that need only the matcher (the
 * `intents` command, the evaluation). Throws {@link UnderstandingDataError} listing problems.
 */
export function loadMatcher(dataDir: string): Matcher {
  const reference = loadReference(dataDir);
  const understanding = loadUnderstanding(dataDir);
  const problems = [...reference.problems, ...understanding.problems].filter(
    (p) => p.severity === "error",
  );
  if (problems.length > 0 || !understanding.data) {
    const lines = problems.map(formatProblem);
    throw new UnderstandingDataError(lines.join("\n") || `no understanding data in ${dataDir}`);
  }
  return new Matcher(understanding.data, reference.sources.places ?? []);
}
