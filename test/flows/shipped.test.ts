import { describe, expect, it } from "vitest";
import { checkLoaded } from "../../src/content.ts";
import { REQUIRED_FLOWS, REQUIRED_FLOWS_SEVERITY } from "../../src/flows/contract.ts";
import { staleContacts } from "../../src/reference/freshness.ts";
import { realContent } from "../helpers/engine.ts";

const NOW = Date.UTC(2026, 10, 27);

describe("flows:check on the shipped content", () => {
  it("has every contract flow, with no errors; its only warnings are contacts due a re-check", () => {
    const content = realContent();
    for (const id of REQUIRED_FLOWS) expect(content.flows.flows.has(id), id).toBe(true);
    const result = checkLoaded(content, undefined, NOW);
    expect(result.errors).toBe(0);
    // `checked` is the date of the source page read, so the pages older than a year are due.
    const due = staleContacts(content.reference.contacts, NOW);
    expect(result.problems).toEqual(due);
  });

  it("treats a missing contract flow as an error now that all of them exist", () => {
    expect(REQUIRED_FLOWS_SEVERITY).toBe("error");
    const content = realContent();
    // Drop `thanks` (nothing else leads to it) and its texts.
    const flows = new Map(content.flows.flows);
    flows.delete("thanks");
    const files = content.flows.files.filter((f) => f.flow?.id !== "thanks");
    const result = checkLoaded(
      { ...content, flows: { ...content.flows, flows, files } },
      undefined,
      NOW,
    );
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        severity: "error",
        message: 'flow "thanks" is missing; outside tools rely on it (README "Flow ids")',
      }),
    );
  });
});
