import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadUnderstanding } from "../../src/understanding/load.ts";
import { DATA } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A copy of the project's data directory, changed by `edit`. */
function dataWith(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "jr-understanding-"));
  dirs.push(dir);
  cpSync(DATA, dir, { recursive: true });
  edit(dir);
  return dir;
}

const messages = (dir: string) =>
  loadUnderstanding(dir).problems.map((p) => `${p.file}: ${p.message}`);

describe("loading the understanding data", () => {
  it("has no matcher, and no problem, for a data directory without any (test fixtures)", () => {
    const dir = mkdtempSync(join(tmpdir(), "jr-empty-"));
    dirs.push(dir);
    expect(loadUnderstanding(dir)).toEqual({ data: undefined, problems: [] });
  });

  it("names a missing file, broken YAML and a schema error", () => {
    const missing = dataWith((d) => rmSync(join(d, "understanding", "danger.yaml")));
    expect(messages(missing)).toEqual(["data/understanding/danger.yaml: missing"]);
    const broken = dataWith((d) =>
      writeFileSync(join(d, "understanding", "matcher.yaml"), "bm25: [\n"),
    );
    expect(messages(broken)[0]).toMatch(/^data\/understanding\/matcher.yaml: YAML: /);
    const schema = dataWith((d) =>
      writeFileSync(join(d, "intents", "thanks.yaml"), "flow: thanks\nid: []\nmad: [ok]\n"),
    );
    expect(messages(schema)[0]).toMatch(/^data\/intents\/thanks.yaml: id: /);
  });

  it("refuses examples for an unknown flow or in a file of another name", () => {
    const unknown = dataWith((d) =>
      writeFileSync(join(d, "intents", "weather.yaml"), "flow: weather\nid: [x]\nmad: [x]\n"),
    );
    expect(messages(unknown)[0]).toMatch(/^data\/intents\/weather.yaml: flow: /);
    const misnamed = dataWith((d) =>
      writeFileSync(join(d, "intents", "thanks2.yaml"), "flow: thanks\nid: [x]\nmad: [x]\n"),
    );
    expect(messages(misnamed)).toEqual([
      'data/intents/thanks2.yaml: flow "thanks" must be in a file named thanks.yaml',
    ]);
  });

  it("reports a word given two meanings", () => {
    const conflict = dataWith((d) => {
      const path = join(d, "understanding", "concepts.yaml");
      writeFileSync(path, "kerja: [alako]\nuang: [alako]\n");
    });
    expect(messages(conflict)).toEqual([
      'data/understanding: "alako" is listed under both concepts "kerja" and "uang"',
    ]);
  });
});
