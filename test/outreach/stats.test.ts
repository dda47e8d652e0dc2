import { describe, expect, it } from "vitest";
import { protect, sourceStatistics, statisticsCsv } from "../../src/outreach/stats.ts";
import type { Source } from "../../src/store/sources.ts";

const texts = (g: ReturnType<typeof protect>) => [...g.cells.map((c) => c.text), g.total.text];

describe("small counts", () => {
  it('show 1 to 4 as "< 5", zero and 5 up as they are', () => {
    expect(texts(protect([0, 5, 12], 17))).toEqual(["0", "5", "12", "17"]);
    expect(texts(protect([1, 2, 0], 3))).toEqual(["< 5", "< 5", "0", "< 5"]);
  });

  it("hide one more count when a total would give a single small one away", () => {
    // 9 − 6 = 3: the 6 is hidden too.
    expect(texts(protect([3, 0, 6], 9))).toEqual(["< 5", "0", "*", "9"]);
    // The smallest other count is the one hidden.
    expect(texts(protect([2, 9, 6], 17))).toEqual(["< 5", "9", "*", "17"]);
    // Two small ones already protect each other.
    expect(texts(protect([2, 3, 6], 11))).toEqual(["< 5", "< 5", "6", "11"]);
  });

  it("are the same numbers in the CSV as on the page", () => {
    const source: Source = {
      id: 1,
      code: "K7Q3",
      name: "Pengajian, Desa Larangan",
      kind: "school",
      place: "Larangan",
      heldOn: null,
      lang: "mad",
      createdAt: 0,
      createdBy: "test",
    };
    const counts = [
      { sourceId: 1, week: 100, metric: "new_users", n: 3 },
      { sourceId: 1, week: 107, metric: "new_users", n: 8 },
      { sourceId: 1, week: 100, metric: "lang_mad", n: 3 },
      { sourceId: 1, week: 107, metric: "lang_mad", n: 8 },
    ];
    const stats = sourceStatistics([source], counts, [100, 107]);
    expect(stats[0]?.columns.new_users?.weeks.map((w) => w.text)).toEqual(["< 5", "*"]);
    expect(stats[0]?.lang).toEqual({ id: { text: "0", value: 0 }, mad: { text: "11", value: 11 } });
    const head = {
      code: "Kode",
      name: "Nama",
      week: "Minggu",
      total: "Jumlah",
      columns: ["a", "b", "c", "d", "e", "f"],
      lang: ["id", "mad"],
    };
    const csv = statisticsCsv(stats, [100, 107], String, head)
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(csv[1]).toBe('K7Q3,"Pengajian, Desa Larangan",100,< 5,0,0,0,0,0,,');
    expect(csv[2]).toBe('K7Q3,"Pengajian, Desa Larangan",107,*,0,0,0,0,0,,');
    expect(csv[3]).toBe('K7Q3,"Pengajian, Desa Larangan",Jumlah,11,0,0,0,0,0,0,11');
  });
});
