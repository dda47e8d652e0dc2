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

/** Checks the base fixture with a broken fixture's files laid over it. */
function check(broken?: string, required: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "jr-check-"));
  temps.push(dir);
  cpSync(join(fixtures, "base"), dir, { recursive: true });
  if (broken) cpSync(join(fixtures, "broken", broken), dir, { recursive: true });
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

  const cases: [string, RegExp][] = [
    ["schema", /flows\/greet\.yaml:\d+ \[ask\] error: nodes\.ask\.text/],
    ["yaml-syntax", /flows\/greet\.yaml:\d+ error: YAML/],
    [
      "unknown-node",
      /flows\/greet\.yaml:4 \[greet\.ask\] error: target "hii" names a node that does not exist/,
    ],
    [
      "unknown-flow",
      /flows\/greet\.yaml:10 \[greet\.hi\] error: target "@nowhere" names a flow that does not exist/,
    ],
    ["unreachable", /flows\/greet\.yaml:13 \[greet\.orphan\] error: unreachable/],
    ["loop-without-question", /\[greet\.(hi|again)\] error: loop with no question in it/],
    ["no-way-out", /\[greet\.(ask|hi)\] error: cycle with no way out/],
    ["missing-key", /error: message key "t\.hi" is missing in locales\/mad/],
    ["unused-key", /locales\/id\/t\.json error: message key "t\.forgotten" is not used/],
    ["unset-variable", /\[greet\.hi\] error: "t\.hi" \(id\) uses \{\{name\}\}, which may be unset/],
    [
      "missing-data",
      /error: "t\.hi" \(id\) uses \{\{contacts\.polri\.phone\}\}, which data\/ does not define/,
    ],
    [
      "id-mismatch",
      /flows\/greet\.yaml:1 error: the flow id "welcome" must match the file name "greet"/,
    ],
    ["duplicate-option", /\[greet\.pick\] error: option id "name" is used twice/],
    ["unknown-source", /\[greet\.ask\] error: unknown choice source "planets"/],
    [
      "phone-literal",
      /locales\/id\/t\.json error: "t\.hi" shows the phone number 0812-3456-7890, which does not come from data\/ with a source/,
    ],
    [
      "bad-command",
      /data\/commands\.yaml error: command "menu": target "@menu\.nope" names a node/,
    ],
  ];
  for (const [fixture, pattern] of cases) {
    it(`reports ${fixture}`, () => {
      const result = check(fixture);
      expect(result.errors).toBeGreaterThan(0);
      expect(result.lines.join("\n")).toMatch(pattern);
    });
  }

  it("warns about required flows that are missing", () => {
    const result = check(undefined, ["report"]);
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
