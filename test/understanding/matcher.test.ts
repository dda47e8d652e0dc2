import { describe, expect, it } from "vitest";
import { matcher } from "./helpers.ts";

const match = (text: string) => matcher().match(text);

describe("the matcher", () => {
  it("routes typical questions to their flow with high confidence", () => {
    for (const [text, flow] of [
      ["gimana cara kerja ke malaysia yang resmi", "legal_steps"],
      ["syarat jadi tkw apa aja", "documents"],
      ["biaya jadi tki ke taiwan berapa", "costs"],
      ["cara bikin paspor buat kerja", "passport"],
      ["cara cek pt resmi atau bodong", "agency_check"],
      ["ditawari kerja di kamboja gaji gede, aman ga?", "offer_check"],
      ["bahaya ga lewat jalur tikus", "risks"],
      ["tppo itu apa", "trafficking"],
      ["ada lowongan kerja ke jepang?", "jobs"],
      ["anak saya hilang kontak di malaysia", "report"],
      ["mau bicara sama petugas", "human"],
      ["alamat kantor imigrasi pamekasan", "contacts"],
      ["laporan saya sudah sampai mana", "case_status"],
      ["ganti bahasa madura", "language"],
      ["data saya aman?", "privacy"],
      ["makasih min", "thanks"],
      ["engkok terro alako ka korea, beremma carana?", "legal_steps"],
      ["sakalangkong bannyak", "thanks"],
    ] as const) {
      const m = match(text);
      expect(m.flow, text).toBe(flow);
      expect(m.confidence, text).toBe("high");
    }
  });

  it("shows the menu for a message of small words only", () => {
    for (const text of ["permisi min, mau tanya", "halo kak", "min?"]) {
      expect(match(text).flow, text).toBe("menu");
    }
  });

  it("turns down questions no flow answers", () => {
    for (const text of [
      "harga cabai hari ini berapa",
      "jadwal kapal feri ke sapudi",
      "besok hujan gak",
      "skor persebaya tadi malam",
      "ceritain lelucon dong",
      "regga beras barampa?",
      "asdfghjkl",
    ]) {
      const m = match(text);
      expect(m.flow, text).toBeNull();
      expect(m.confidence, text).toBe("low");
    }
  });

  it("offers close runners-up as alternatives, never the flow itself", () => {
    const m = match("paspor");
    expect(m.flow).not.toBeNull();
    expect(m.alternatives).not.toContain(m.flow);
    expect(m.alternatives.length).toBeLessThanOrEqual(2);
  });

  it("takes any text without failing: empty, emoji, huge, odd characters", () => {
    for (const text of ["", "   ", "🙏🙏🙏", "x".repeat(100_000), "\u0000\uffff", "١٢٣", "ḍḍḍ"]) {
      const m = match(text);
      expect(["high", "medium", "low"]).toContain(m.confidence);
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
  });

  it("gives the engine only what it needs", () => {
    const u = matcher().understand("anak saya hilang kontak di malaysia", "id");
    expect(u).toEqual({
      flow: "report",
      confidence: "high",
      alternatives: expect.any(Array),
      lang: "id",
      vars: {
        intent_text: "anak saya hilang kontak di malaysia",
        what: "lost_contact",
        country: "malaysia",
      },
    });
  });

  it("matches a named place as that place in relevance, and a question's place as any country too", () => {
    const sense = matcher().sense;
    const docs = [
      "Catatan: Hong Kong dan Taiwan belum sepenuhnya menerapkan aturan ini. Biaya pengasuh di Taiwan belum jelas.",
      "Besarnya biaya tergantung negara dan pekerjaan.",
    ];
    const [taiwanNote, anyCountry] = sense.relevance("biaya ke malaysia brp", docs);
    expect(anyCountry).toBeGreaterThan((taiwanNote ?? 0) * 1.5);
    // A question about Taiwan still finds the note about Taiwan.
    const [note, generic] = sense.relevance("biaya pengasuh ke taiwan", docs);
    expect(note).toBeGreaterThan(generic ?? 0);
  });

  it("is deterministic", () => {
    const text = "brp biaya bikin paspor buat kerja ke malay";
    expect(match(text)).toEqual(match(text));
  });
});
