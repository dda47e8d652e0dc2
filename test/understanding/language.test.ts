import { describe, expect, it } from "vitest";
import { matcher } from "./helpers.ts";

const lang = (text: string) => matcher().match(text).lang;

describe("language detection", () => {
  it("recognises Madurese, also mixed with Indonesian nouns", () => {
    for (const text of [
      "engkok terro alako ka malaysia, beremma carana?",
      "anak kula ilang kontak la 3 bulen e malaysia, tlg bantu",
      "min paspor la mare tape visa gitak, olle mangkat ta?",
      "sakalangkong min",
      "kaula terro acaca sareng petugas",
      "taretan engkok e arab gajina tak ebejer la 5 bulen",
    ]) {
      expect(lang(text), text).toBe("mad");
    }
  });

  it("recognises Indonesian, also informal", () => {
    for (const text of [
      "anak saya hilang kontak di malaysia",
      "syarat jd tki apa aja sih?",
      "gimana cara cek pt resmi atau tidak",
      "saya lebih paham bahasa indonesia",
      "anak saya tak bisa dihubungi",
    ]) {
      expect(lang(text), text).toBe("id");
    }
  });

  it("does not guess when the text does not show it", () => {
    for (const text of ["paspor", "hotline bp2mi", "👍", ""])
      expect(lang(text), text).toBeUndefined();
  });
});
