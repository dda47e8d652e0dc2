import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentMap, MAP_END, MAP_START, withContentMap } from "../../src/flows/content-map.ts";
import { REQUIRED_FLOWS } from "../../src/flows/contract.ts";
import { ROOT, realContent } from "../helpers/engine.ts";

describe("the README's content map", () => {
  const map = contentMap(realContent());

  it("is up to date with the flows, texts and data (run `npm run content:map` if not)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain(MAP_START);
    expect(withContentMap(readme, map) === readme, "README.md content map is out of date").toBe(
      true,
    );
  });

  it("lists every contract flow, and every information flow cites the fact sheet", () => {
    for (const id of REQUIRED_FLOWS) expect(map).toContain(`| \`${id}\` |`);
    const content = realContent();
    for (const id of ["legal_steps", "documents", "costs", "passport", "agency_check"])
      expect(content.flows.flows.get(id)?.sources?.length, id).toBeGreaterThan(0);
    for (const id of ["offer_check", "risks", "trafficking", "jobs", "report", "emergency"])
      expect(content.flows.flows.get(id)?.sources?.length, id).toBeGreaterThan(0);
  });

  it("changes when a flow changes", () => {
    const readme = `x\n${MAP_START}\nold\n${MAP_END}\ny`;
    expect(withContentMap(readme, "new")).toBe(`x\n${MAP_START}\nnew\n${MAP_END}\ny`);
    expect(() => withContentMap("no markers", "new")).toThrow(/markers/);
  });
});
