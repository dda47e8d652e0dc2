/**
 * Each named check of the flow checker against its own broken fixtures, as goflow pairs each
 * issue type with its test flows: `test/fixtures/checks/<check>/<case>/` holds files laid over
 * the clean base fixture, `problems.txt` the exact lines the check must report, and optionally
 * `input.json` what the checker is told besides (today's date, the required flows).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { contentDirs, loadContent } from "../../src/content.ts";
import { checkContent } from "../../src/flows/check.ts";
import { type CheckInput, contextOf } from "../../src/flows/checks/context.ts";
import { CHECKS } from "../../src/flows/checks/index.ts";
import { formatProblem } from "../../src/flows/problem.ts";

const fixtures = join(import.meta.dirname, "..", "fixtures");
const checksDir = join(fixtures, "checks");
/** Files of a case that describe it rather than being content. */
const META = new Set(["problems.txt", "input.json"]);

const Options = z.strictObject({
  /** Today, for the freshness of contacts (YYYY-MM-DD). */
  today: z.string().optional(),
  required: z.array(z.string()).default([]),
  requiredSeverity: z.enum(["error", "warning"]).default("warning"),
});

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const dirsIn = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/** The checker's input for the base fixture with a case's files laid over it. */
function inputOf(caseDir?: string): CheckInput {
  const dir = mkdtempSync(join(tmpdir(), "jr-checks-"));
  temps.push(dir);
  cpSync(join(fixtures, "base"), dir, { recursive: true });
  if (caseDir) cpSync(caseDir, dir, { recursive: true, filter: (f) => !META.has(basename(f)) });
  const file = caseDir && join(caseDir, "input.json");
  const options = Options.parse(
    file && existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {},
  );
  return {
    ...loadContent(contentDirs(dir)),
    codeKeys: [],
    required: options.required,
    requiredSeverity: options.requiredSeverity,
    ...(options.today ? { now: Date.parse(options.today) } : {}),
  };
}

/** The lines a case expects, one problem per line. */
function expected(caseDir: string): string[] {
  return readFileSync(join(caseDir, "problems.txt"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
}

describe("named checks", () => {
  it("pairs every registered check with a broken fixture, and every fixture with a check", () => {
    const names = CHECKS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(dirsIn(checksDir)).toEqual([...names].sort());
    for (const name of names) {
      const cases = dirsIn(join(checksDir, name));
      expect(cases.length, `${name} has no case`).toBeGreaterThan(0);
      for (const c of cases) {
        // A case that expects nothing could not show the check working.
        expect(expected(join(checksDir, name, c)).length, `${name}/${c}`).toBeGreaterThan(0);
      }
    }
  });

  it("finds nothing in the clean base fixture", () => {
    const context = contextOf(inputOf());
    for (const check of CHECKS) expect(check.run(context), check.name).toEqual([]);
  });

  for (const check of CHECKS) {
    const dir = join(checksDir, check.name);
    for (const name of existsSync(dir) ? dirsIn(dir) : []) {
      it(`${check.name} finds exactly its problems in ${name}`, () => {
        const input = inputOf(join(dir, name));
        const lines = check.run(contextOf(input)).map(formatProblem);
        expect(lines).toEqual(expected(join(dir, name)));
        // The checker runs it too: its problems are among everything it reports.
        const all = checkContent(input).problems.map(formatProblem);
        expect(all).toEqual(expect.arrayContaining(lines));
      });
    }
  }
});
