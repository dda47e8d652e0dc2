import { describe, expect, it } from "vitest";
import { flatten } from "../../src/i18n/locales.ts";
import { ID_ONLY_NAMESPACES } from "../../src/i18n/namespaces.ts";
import { voiceStats } from "../../src/review/voice.ts";
import { realContent } from "../helpers/engine.ts";

const mad = new Map(
  [...flatten(realContent().locales.resources.mad)].filter(
    ([k]) => !ID_ONLY_NAMESPACES.includes(k.split(".")[0] ?? ""),
  ),
);

describe("Madurese review findings stay fixed", () => {
  it("no non-word or spelling departure the 2026-12-04 review found comes back", () => {
    expect(voiceStats(mad).wrongForms).toEqual({});
  });

  it("none of the 12 safety-text defects comes back", () => {
    expect(voiceStats(mad).safetyDefects).toEqual([]);
  });

  it("recognises the old defects (so the checks above can fail)", () => {
    const old = new Map([
      ["costs.illegal_law", "Panjhennengngan ta' parlo majâr ka orèng-orèng panèka."],
      ["report.ask_danger", "Ponapa samangkèn bâdâ sè è dhâlem bhâbhâjâ, contona ètahan, èancam?"],
      ["risks.detention", "ta' kèngèng maso' polè saomor èdhup."],
      ["offer_check.q_documents", "Ponapa perekrut nyo'on ngecekel paspor?"],
      ["trafficking.signs", "- Paspor otabâ HP ècekel orèng laèn.\n- Ètahan è penampungan."],
    ]);
    const s = voiceStats(old);
    expect(s.wrongForms).toMatchObject({ èdhup: 1, "ngecekel/ècekel": 2 });
    expect(s.safetyDefects).toEqual(
      expect.arrayContaining([
        "costs.illegal_law",
        "report.ask_danger",
        "risks.detention",
        "trafficking.signs",
      ]),
    );
  });

  it("the polite voice keeps sentence-initial èatorè rare", () => {
    const s = voiceStats(mad);
    // 82 sentence-initial Èatorè in 366 texts (22%) before the 2026-12-04 rework; 34 after.
    expect(s.sentenceInitialEatore / s.strings).toBeLessThan(0.15);
    expect(s.epon).toBeGreaterThan(0);
  });
});
