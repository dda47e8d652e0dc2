import { describe, expect, it } from "vitest";
import {
  isDontKnow,
  isSkip,
  parseDate,
  parseNumber,
  parsePhone,
  parseYesNo,
} from "../../src/engine/answers.ts";

const NOW = Date.UTC(2026, 10, 27);
const lex = [
  {
    yes: ["ya", "iya", "engghi"],
    no: ["tidak", "gak", "bhunten"],
    skip: ["lewati", "tidak ada"],
    unknown: [],
  },
];

describe("answer parsers", () => {
  it.each([
    ["3", 3],
    ["umur 25 tahun", 25],
    ["15.000.000", 15_000_000],
    ["15 juta", 15_000_000],
    ["2,5 jt", 2_500_000],
    ["Rp 500rb", 500_000],
    ["tiga", undefined],
  ])("reads the number in %j", (text, value) => expect(parseNumber(text)).toBe(value));

  it.each([
    ["0812-3456-7890", "6281234567890"],
    ["+60 12 345 6789", "60123456789"],
    ["812 3456 789", "628123456789"],
    ["123", undefined],
    ["nomor saya 0812", undefined],
  ])("reads the phone number in %j", (text, value) => expect(parsePhone(text)).toBe(value));

  it.each([
    ["17/08/2025", "2025-08-17"],
    ["2025-03-01", "2025-03-01"],
    ["3-2-25", "2025-02-03"],
    ["Maret 2025", "2025-03"],
    ["5 agustus", "2026-08-05"],
    ["31/02/2025", undefined],
    ["01/01/2030", undefined],
    ["kemarin sore", undefined],
  ])("reads the date in %j", (text, value) => expect(parseDate(text, NOW)).toBe(value));

  it("reads yes and no in any supported language, and skip words", () => {
    expect(parseYesNo("Ya, benar", lex)).toBe(true);
    expect(parseYesNo("ENGGHI", lex)).toBe(true);
    expect(parseYesNo("gak", lex)).toBe(false);
    expect(parseYesNo("mungkin", lex)).toBeUndefined();
    expect(isSkip("Tidak ada", lex)).toBe(true);
    expect(isSkip("ada", lex)).toBe(false);
  });
});

describe("don't know", () => {
  const lexicons = [
    {
      yes: ["ya"],
      no: ["tidak", "gak"],
      skip: ["lewati"],
      unknown: ["gak tau", "tidak tahu", "gatau"],
    },
    { yes: ["engghi"], no: ["bhunten", "ta"], skip: ["terros"], unknown: ["ta taoh", "ta oneng"] },
  ];

  it.each([
    ["gak tau", true],
    ["Gak tau.", true],
    ["gatauuu", true],
    ["saya tidak tahu apakah dia dibayar", true],
    ["ta' taoh", true],
    ["Ta' onèng", true],
    ["tidak, tahu dari teman", false],
    ["gak", false],
    ["tidak", false],
  ])("reads %j in a yes/no answer as don't know: %s", (text, expected) => {
    expect(isDontKnow(text, lexicons)).toBe(expected);
  });

  it("takes only a short message as a whole 'don't know' (a skip)", () => {
    expect(isDontKnow("gak tau min", lexicons, true)).toBe(true);
    expect(isDontKnow("saya juga tidak tahu", lexicons, true)).toBe(true);
    expect(isDontKnow("tidak tahu namanya, orang desa sebelah", lexicons, true)).toBe(false);
  });

  it("is read before yes and no, so it never becomes 'Tidak'", () => {
    // parseYesNo alone would read the first word "gak" as no; the ask node reads don't-know first.
    expect(parseYesNo("gak tau", lexicons)).toBe(false);
    expect(isDontKnow("gak tau", lexicons)).toBe(true);
  });
});
