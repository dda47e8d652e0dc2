import { describe, expect, it } from "vitest";
import { editDistance, FuzzyDictionary } from "../../src/understanding/fuzzy.ts";

describe("typo tolerance", () => {
  it("counts edits, a swap of neighbours as one", () => {
    expect(editDistance("paspor", "paspor", 2)).toBe(0);
    expect(editDistance("pasport", "paspor", 2)).toBe(1);
    expect(editDistance("gjai", "gaji", 2)).toBe(1);
    expect(editDistance("lowngan", "lowongan", 2)).toBe(1);
    expect(editDistance("abc", "xyz", 1)).toBe(2);
  });

  it("finds the closest known word, the commoner on a tie", () => {
    const dict = new FuzzyDictionary(
      new Map([
        ["paspor", 10],
        ["lowongan", 5],
        ["tahan", 3],
        ["tahun", 9],
      ]),
      5,
    );
    expect(dict.nearest("pasport")).toEqual({ word: "paspor", distance: 1 });
    expect(dict.nearest("lowonagn")).toEqual({ word: "lowongan", distance: 1 });
    expect(dict.nearest("lwongn")).toBeUndefined();
    expect(dict.nearest("tahn")).toBeUndefined(); // too short to guess
    expect(dict.nearest("lowngaan")).toEqual({ word: "lowongan", distance: 2 });
  });
});
