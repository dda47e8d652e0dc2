import { describe, expect, it } from "vitest";
import {
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
