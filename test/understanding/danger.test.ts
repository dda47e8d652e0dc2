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
      ["saya mau bunuh diri", undefined],
      ["taretan kaula ebunuh tekong", "violence"],
      ["engkok eancam epate'e mandor", "violence"],
      ["bine kaula mate'e majikan", "violence"],
      ["ana' kaula ejual ka myanmar", "violence"],
      ["alek ekorong e penampungan", "violence"],
      ["sengkok ekonci e kongsi", "violence"],
      ["bine sengkok esekse majikan", "violence"],
      ["guleh ta' ekasi ngakan majikan", "violence"],
      ["kami tidak diberi makan di kapal", "violence"],
      ["adik saya sudah tiga hari tidak makan di penampungan", "violence"],
      ["istri saya dijual agen ke batam", "violence"],
      ["anak saya diancam dibunuh calo", "violence"],
      ["majikan ngancam saya terus", "violence"],
      ["saya dipaksa kerja 20 jam", "violence"],
      ["suami kaula etahan polisi malaysia", "detained"],
      ["sengkok tak kuat odi' pole", undefined],
      ["guleh terro mate bei", undefined],
      ["saya capek hidup, pengen minum racun", undefined],
      ["engkok terro mate", undefined],
      ["TOLONG DARURAT!!!", undefined],
      ["tolongggg darurat", undefined],
    ] as const) {
      const m = match(text);
      // Self-harm goes to the crisis flow (its rule names it); every other danger to emergency.
      expect(m.flow, text).toBe(m.danger === "self_harm" ? "crisis" : "emergency");
      expect(m.confidence, text).toBe("high");
      expect(m.danger, text).toBeDefined();
      expect(m.vars.what, text).toBe(what);
      expect(m.vars.danger_rule, text).toBe(m.danger);
    }
  });

  it("count self-harm as self-harm, whatever else the message says", () => {
    for (const text of ["sengkok tak kuat odi'", "saya capek hidup, mau gantung diri saja"]) {
      expect(match(text).danger, text).toBe("self_harm");
    }
  });

  it("need a harm and someone it happens to: everyday words, media, food, sport and clock times are no danger", () => {
    for (const text of [
      "saya lapar belum makan siang",
      "engkok lapar terro ngakan",
      "film horor bunuh bunuhan seru",
      "ayah saya ditahan polisi karena tilang motor",
      "eppak sengkok etahan polisi polana tilang",
      "kumpul pukul 8 pagi di kantor desa",
      "lagghu' abit pokol sapolo e pasar",
      "game tembak tembakan, musuhnya dibunuh semua",
      "berita penyiksaan di tv kemarin",
      "tinju tadi malam, dia dipukul sampai jatuh",
      "adik saya tahan lapar seharian",
      "kucing saya tidak dikasih makan tetangga",
      "saya mau jual motor bekas",
      "ajual sape e pasar",
      "kunci motor saya hilang",
      "hp saya mau mati, baterainya lemah",
      "mati lampu dari sore",
      "anak saya dipaksa makan sayur",
      "puasa jadi belum makan dari pagi",
      "macet parah, tersiksa di jalan",
    ]) {
      const m = match(text);
      expect(m.danger, text).toBeUndefined();
      expect(m.flow === "emergency" && m.confidence === "high", text).toBe(false);
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
