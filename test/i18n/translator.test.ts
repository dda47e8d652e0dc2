import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flatten, loadLocales } from "../../src/i18n/locales.ts";
import { createTranslator } from "../../src/i18n/translator.ts";

const locales = loadLocales(join(import.meta.dirname, "..", "..", "locales"));

describe("translator", () => {
  it("renders every Madurese key in Madurese, never silently in Indonesian", () => {
    const missing: string[] = [];
    const t = createTranslator(locales.resources, (lang, key) => missing.push(`${lang}:${key}`));
    const mad = flatten(locales.resources.mad);
    for (const [key, text] of mad) {
      for (const count of [0, 1, 2, 5, 21]) {
        const out = t("mad", key, { count, max: 4, case_ref: "JR-2345" });
        if (!text.includes("{{")) expect(out).toBe(text);
      }
    }
    expect(missing).toEqual([]);
  });

  it("reports a key missing in Madurese instead of hiding it", () => {
    const missing: string[] = [];
    const t = createTranslator(
      { id: { x: { only_id: "Hanya Indonesia" } }, mad: { x: {} } },
      (lang, key) => missing.push(`${lang}:${key}`),
    );
    expect(t("mad", "x.only_id")).toBe("Hanya Indonesia");
    expect(missing).toEqual(["mad:x.only_id"]);
  });

  it("does not HTML-escape values and ignores i18next option names in values", () => {
    const t = createTranslator({
      id: { x: { v: "A {{v}} {{count}}" } },
      mad: { x: { v: "B {{v}} {{count}}" } },
    });
    expect(t("id", "x.v", { v: "<b>&", count: 3 })).toBe("A <b>& 3");
  });
});
