import { describe, expect, it } from "vitest";
import { basicTokens, foldTokens } from "../../src/understanding/fold.ts";
import { matcher, words } from "./helpers.ts";

const rules = [{ from: /([bdgj])h/g, to: "$1" }];

describe("folding", () => {
  it("lowercases, drops diacritics, punctuation and emoji", () => {
    expect(foldTokens("Bâdâ ÈNGGHI, ḍâlem ṭaḍâ!! 🙏", rules)).toEqual([
      "bada",
      "engi",
      "dalem",
      "tada",
    ]);
  });

  it("reads a glottal apostrophe as k, but drops it between vowels", () => {
    expect(basicTokens("ta' engko’ ka'dinto")).toEqual(["tak", "engkok", "kakdinto"]);
    expect(basicTokens("so'on be'en assalamu'alaikum ma'af")).toEqual([
      "soon",
      "been",
      "asalamualaikum",
      "maaf",
    ]);
  });

  it("writes reduplication and emphasis once, keeps double vowels", () => {
    expect(basicTokens("masok2 anak-anak tolonggg sakiiit")).toEqual([
      "masok",
      "anak",
      "tolong",
      "sakit",
    ]);
    expect(basicTokens("bukaan maaf saat")).toEqual(["bukaan", "maaf", "saat"]);
  });

  it("makes doubled consonants single and drops a final h after a vowel", () => {
    expect(foldTokens("kabbhi bennya' apah iyeh bedheh ah", rules)).toEqual([
      "kabi",
      "benyak",
      "apa",
      "iye",
      "bede",
      "ah",
    ]);
  });

  it("splits a number from its unit", () => {
    expect(basicTokens("5jt 17thn")).toEqual(["5", "jt", "17", "thn"]);
  });
});

describe("word tables", () => {
  it("expands chat abbreviations as typed, before spelling rules", () => {
    const n = matcher().normalizer;
    expect(n.surfaceWords("gmn brp yg tdk blm sdh")).toEqual([
      "bagaimana",
      "berapa",
      "yang",
      "tidak",
      "belum",
      "suda",
    ]);
    // "sd" is a school level, not "sdh" (sudah) after the aspirate rule.
    expect(n.surfaceWords("lulusan sd")).toEqual(["lulusan", "sd"]);
  });

  it("makes Madurese spelling variants one word", () => {
    const n = matcher().normalizer;
    for (const [a, b] of [
      ["bede", "bâdâ"],
      ["engkok", "sengko'"],
      ["kauleh", "kaulâ"],
      ["guleh", "kaula"],
      ["beremma", "dâ'remma"],
      ["tade'", "tadek"],
      ["ghi'", "gik"],
    ] as const) {
      expect(n.surfaceWords(a)).toEqual(n.surfaceWords(b));
    }
  });

  it("gives Madurese and Indonesian words of one meaning one word", () => {
    expect(words("alako")).toEqual(words("kerja"));
    expect(words("pèssè")).toEqual(words("uang"));
    expect(words("elang")).toEqual(words("hilang"));
    expect(words("sakè'")).toEqual(words("sakit"));
    expect(words("malay")).toEqual(words("hongkong"));
  });

  it("takes off affixes when what is left is a known word", () => {
    expect(words("dipukul")).toEqual(words("pukul"));
    expect(words("epokol")).toEqual(words("pukul"));
    expect(words("gajina gajinya")).toEqual(["gaji", "gaji"]);
    expect(words("pekerjaan")).toEqual(words("kerja"));
    expect(words("laporan")).toEqual(words("lapor"));
    // A possessive ending leaves even a short word of the tables, also after a doubled letter.
    expect(words("adikku")).toEqual(words("adik"));
    expect(words("anakku suamiku")).toEqual(words("anak suami"));
    // No known root: the word stays as it is.
    expect(words("makan")).toEqual(["makan"]);
  });

  it("tolerates typos in longer words only", () => {
    expect(words("pasport")).toEqual(["paspor"]);
    expect(words("lowonagn")).toEqual(words("lowongan"));
    expect(words("suka")).toEqual(["suka"]);
  });
});
