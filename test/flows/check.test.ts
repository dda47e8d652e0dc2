import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentDirs, loadContent } from "../../src/content.ts";
import { checkContent } from "../../src/flows/check.ts";
import { formatProblem } from "../../src/flows/problem.ts";

const fixtures = join(import.meta.dirname, "..", "fixtures");
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/**
 * Checks the base fixture. (Each named check meets its own broken fixtures in
 * `checks.test.ts`.)
 */
function check(required: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "jr-check-"));
  temps.push(dir);
  cpSync(join(fixtures, "base"), dir, { recursive: true });
  const result = checkContent({
    ...loadContent(contentDirs(dir)),
    codeKeys: [],
    required,
    requiredSeverity: "warning",
  });
  return { ...result, lines: result.problems.map(formatProblem) };
}

describe("flow checker", () => {
  it("passes clean content and prints a one-line summary", () => {
    const result = check();
    expect(result.lines).toEqual([]);
    expect(result.summary).toMatch(
      /^flows:check — 2 flows, 5 nodes; keys: id \d+, mad \d+; 0 errors, 0 warnings$/,
    );
  });

  it("warns about required flows that are missing", () => {
    const result = check(["report"]);
    expect(result.errors).toBe(0);
    expect(result.warnings).toBe(1);
    expect(result.lines[0]).toMatch(/warning: flow "report" is missing; outside tools rely on it/);
  });

  it("passes the project's own content", () => {
    const result = checkContent({
      ...loadContent(contentDirs(join(import.meta.dirname, "..", ".."))),
      codeKeys: [],
      required: [],
      requiredSeverity: "warning",
    });
    expect(
      result.problems.filter((p) => p.severity === "error" && !p.message.includes("is not used")),
    ).toEqual([]);
  });
});
