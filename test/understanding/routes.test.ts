import { describe, expect, it } from "vitest";
import { matcher } from "./helpers.ts";

const match = (text: string) => matcher().match(text);

describe("intent rules", () => {
  it("start a report for wanting to report or complain, in both languages", () => {
    for (const text of [
      "saya mau lapor",
      "mau bikin pengaduan soal sponsor",
      "pengen ngadu, upah istri saya belum dibayar",
      "kaula terro alapor",
      "sengkok terro ngadu parkara calo",
    ]) {
      const m = match(text);
      expect(m.flow, text).toBe("report");
      expect(m.confidence, text).toBe("high");
    }
  });

  it("ask about a report's status only with a case reference or status words", () => {
    const ref = match("gimana laporan jr7q3k");
    expect(ref.flow).toBe("case_status");
    expect(ref.vars.case_query).toBe("jr7q3k");
    for (const text of [
      "status laporan saya",
      "laporan saya sudah ditangani?",
      "laporan kaula la ebaca?",
    ]) {
      expect(match(text).flow, text).toBe("case_status");
    }
    // Wanting to report, even with "kabar" in it, is a report.
    expect(match("anak saya tidak ada kabar, mau lapor").flow).toBe("report");
    // A hotline for complaints is a contact.
    expect(match("nomor pengaduan bp2mi").flow).not.toBe("report");
  });

  it("start the agency check with the company's name as typed", () => {
    for (const [text, name] of [
      ["PT Karya Mulia itu resmi gak?", "PT Karya Mulia"],
      ["pt. sumber rejeki terdaftar ga min", "PT Sumber Rejeki"],
      ["cv MAJU jaya bisa kirim tki?", "CV MAJU Jaya"],
      ["LPK Bina Insani, legal ta?", "LPK Bina Insani"],
      ["PT Surya reya resmi ta enjek", "PT Surya"],
    ] as const) {
      const m = match(text);
      expect(m.flow, text).toBe("agency_check");
      expect(m.vars.agency_name, text).toBe(name);
    }
    // No name: still a question about a company, without a name to show.
    const generic = match("sponsor ini terdaftar apa ngga");
    expect(generic.flow).toBe("agency_check");
    expect(generic.vars.agency_name).toBeUndefined();
    // A named company in a question about something else is that question.
    expect(match("PT Karya Mulia gaji saya belum dibayar").flow).not.toBe("agency_check");
  });
});
