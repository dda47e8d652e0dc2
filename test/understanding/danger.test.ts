import { describe, expect, it } from "vitest";
import { matcher } from "./helpers.ts";

const match = (text: string) => matcher().match(text);

describe("danger rules", () => {
  it("send words of danger to the emergency flow first, in both languages", () => {
    for (const [text, what] of [
      ["tolong anak saya disiksa majikan", "violence"],
      ["saya dipukuli terus", "violence"],
      ["adik saya disekap agen", "violence"],
      ["suami ditangkap polisi malaysia", "detained"],
      ["istri saya ditahan di penjara imigrasi", "detained"],
      ["engkok epokol majikan", "violence"],
      ["bine kaula etangkep polisi", "detained"],
      ["ana' kaula esèksa majikanna", "violence"],
      ["TOLONG DARURAT!!!", undefined],
      ["tolongggg darurat", undefined],
    ] as const) {
      const m = match(text);
      expect(m.flow, text).toBe("emergency");
      expect(m.confidence, text).toBe("high");
      expect(m.danger, text).toBeDefined();
      expect(m.vars.what, text).toBe(what);
    }
  });

  it("send words of self-harm to the crisis flow (their rule names it), in both languages", () => {
    for (const text of ["saya mau bunuh diri", "engkok terro mate", "aku pengen mati saja"]) {
      const m = match(text);
      expect(m.flow, text).toBe("crisis");
      expect(m.confidence, text).toBe("high");
      expect(m.danger, text).toBe("self_harm");
      expect(m.vars.what, text).toBeUndefined();
    }
    // Someone hurting them too: the crisis flow is told, and shows the emergency numbers.
    expect(match("saya disiksa suami dan mau bunuh diri").vars.hurt).toBe(true);
    expect(match("saya mau bunuh diri").vars.hurt).toBeUndefined();
  });

  it("beat any other match, even in a long message about something else", () => {
    const m = match(
      "min saya mau tanya syarat paspor dan biaya ke malaysia, tapi sekarang saya disekap agen",
    );
    expect(m.flow).toBe("emergency");
  });

  it("leave questions about the law, a held passport or the clock alone", () => {
    for (const text of [
      "paspor anak saya ditahan majikan",
      "kalau ketahuan kerja ilegal bisa ditangkap ga?",
      "korban tppo bakal dipenjara juga?",
      "kantor imigrasi buka pukul berapa",
      "ciri ciri korban tppo disiksa atau disekap",
    ]) {
      expect(match(text).danger, text).toBeUndefined();
      expect(match(text).flow, text).not.toBe("emergency");
    }
  });
});
