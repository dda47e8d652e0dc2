import { describe, expect, it } from "vitest";
import { MAX_INTENT_TEXT } from "../../src/understanding/matcher.ts";
import { matcher } from "./helpers.ts";

const match = (text: string) => matcher().match(text);

describe("what a report's first message says", () => {
  it("reads what happened when it is clear", () => {
    for (const [text, what] of [
      ["anak saya hilang kontak di malaysia", "lost_contact"],
      ["suami sudah 3 bulan tidak bisa dihubungi", "lost_contact"],
      ["anak kula ilang kontak la 3 bulen e malaysia", "lost_contact"],
      ["gaji kakak saya tidak dibayar 5 bulan", "unpaid"],
      ["taretan engkok e arab gajina tak ebejer la 5 bulen", "unpaid"],
      ["paspor anak saya ditahan majikan", "passport_held"],
      ["ibu saya sakit di malaysia majikan gak peduli", "sick"],
      ["suami meninggal di malaysia gimana pulangkan jenazah", "died"],
      ["taretan sedho e arab, beremma?", "died"],
      ["anak saya mau pulang tapi tidak boleh sama majikan", "wants_home"],
      ["ada tetangga jadi calo, lapor ke siapa?", "recruiter"],
    ] as const) {
      const m = match(text);
      expect(m.flow, text).toBe("report");
      expect(m.vars.what, text).toBe(what);
    }
  });

  it("does not guess what happened from a bare request", () => {
    const m = match("mau bikin laporan");
    expect(m.flow).toBe("report");
    expect(m.vars.what).toBeUndefined();
  });

  it("reads the destination, only when one is named", () => {
    expect(match("anak saya hilang kontak di malay").vars.country).toBe("malaysia");
    expect(match("gaji istri di arab belum dibayar").vars.country).toBe("saudi_arabia");
    expect(match("adik kerja di hong kong gajinya tidak dibayar").vars.country).toBe("hong_kong");
    expect(match("suami hilang kontak di kamboja").vars.country).toBe("other");
    expect(match("anak saya hilang kontak").vars.country).toBeUndefined();
    expect(match("anak pindah dari malaysia ke arab, hilang kontak").vars.country).toBeUndefined();
    // "kl" is also chat for "kalau", so it names no country.
    expect(match("kl anak saya hilang kontak gimana").vars.country).toBeUndefined();
  });

  it("keeps the message itself, at most 500 characters", () => {
    const m = match("  anak saya hilang kontak  ");
    expect(m.vars.intent_text).toBe("anak saya hilang kontak");
    const long = `anak saya hilang kontak ${"x".repeat(2000)}`;
    expect(String(match(long).vars.intent_text)).toHaveLength(MAX_INTENT_TEXT);
  });

  it("reads nothing but the message for other flows", () => {
    expect(match("gimana cara kerja ke malaysia yang resmi").vars).toEqual({
      intent_text: "gimana cara kerja ke malaysia yang resmi",
    });
  });
});
