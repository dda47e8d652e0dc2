import { describe, expect, it } from "vitest";
import { CsvError, parseCsv, toCsv } from "../../src/review/csv.ts";

describe("review sheet CSV", () => {
  it("writes a BOM, CRLF rows and quoted fields, and reads them back exactly", () => {
    const rows = [
      ["kunci", "teks"],
      ["a.b", 'Ja\' majâr "calo",\nbaris dua; ḍ ṭ'],
      ["c.d", ""],
    ];
    const csv = toCsv(rows);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain('"Ja\' majâr ""calo"",\nbaris dua; ḍ ṭ"\r\n');
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(parseCsv(csv)).toEqual(rows);
  });

  it("reads what spreadsheet programs save: ; or tab separators, minimal quotes, CRLF inside cells", () => {
    const excel = 'kunci;teks;komentar\r\na.b;"satu;dua";\r\nc.d;"x\r\ny";"""kutip"""\r\n';
    expect(parseCsv(excel)).toEqual([
      ["kunci", "teks", "komentar"],
      ["a.b", "satu;dua", ""],
      ["c.d", "x\ny", '"kutip"'],
    ]);
    expect(parseCsv("kunci\tteks\na.b\tè\n\n")).toEqual([
      ["kunci", "teks"],
      ["a.b", "è"],
    ]);
  });

  it("refuses a file that ends inside a quoted field", () => {
    expect(() => parseCsv('kunci,teks\na.b,"not closed\n')).toThrow(CsvError);
  });
});
