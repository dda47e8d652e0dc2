import { existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import type * as z from "zod";
import type { Problem } from "../flows/problem.ts";

/**
 * Reads a YAML data file and validates it. Problems (missing file, bad YAML, schema errors —
 * the first ten) are added to `problems` with `file` as their place; never throws.
 */
export function readYamlFile<T extends z.ZodType>(
  path: string,
  file: string,
  schema: T,
  problems: Problem[],
): z.infer<T> | undefined {
  if (!existsSync(path)) {
    problems.push({ severity: "error", file, message: "missing" });
    return undefined;
  }
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, "utf8"));
  } catch (error) {
    problems.push({
      severity: "error",
      file,
      message: `YAML: ${(error as Error).message.split("\n")[0]}`,
    });
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues.slice(0, 10)) {
      problems.push({
        severity: "error",
        file,
        message: `${issue.path.join(".")}: ${issue.message}`,
      });
    }
    return undefined;
  }
  return result.data;
}
