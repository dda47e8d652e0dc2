import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.ts";
import { parseStaffHours } from "../../src/schedule/staff-hours.ts";

/** A time in WIB (UTC+7). */
const wib = (iso: string) => Date.parse(`${iso}+07:00`);

describe("STAFF_HOURS", () => {
  const hours = parseStaffHours("Senin–Jumat 08.00–16.00 WIB");
  if ("error" in hours) throw new Error(hours.error);

  it("knows when staff are at work, in WIB", () => {
    expect(hours.isOpen(wib("2026-11-27T09:00:00"))).toBe(true); // Friday
    expect(hours.isOpen(wib("2026-11-27T16:00:00"))).toBe(false); // closing time
    expect(hours.isOpen(wib("2026-11-28T10:00:00"))).toBe(false); // Saturday
    expect(hours.isOpen(wib("2026-11-30T07:59:00"))).toBe(false); // Monday, early
  });

  it("says when staff next read cases", () => {
    expect(hours.nextOpen(wib("2026-11-27T16:30:00"))).toBe("Senin 08.00 WIB");
    expect(hours.nextOpen(wib("2026-11-30T06:00:00"))).toBe("Senin 08.00 WIB");
    expect(hours.nextOpen(wib("2026-12-01T20:00:00"))).toBe("Rabu 08.00 WIB");
  });

  it("accepts one day, a plain hyphen and a colon", () => {
    const saturday = parseStaffHours("Sabtu 9:00-12:00 WIB");
    expect("error" in saturday).toBe(false);
    if (!("error" in saturday)) expect(saturday.isOpen(wib("2026-11-28T10:00:00"))).toBe(true);
  });

  it("refuses what it cannot read, naming the variable", () => {
    expect(parseStaffHours("kadang-kadang")).toHaveProperty("error");
    expect(parseStaffHours("Senin–Funday 08.00–16.00 WIB")).toHaveProperty("error");
    expect(parseStaffHours("Senin–Jumat 16.00–08.00 WIB")).toHaveProperty("error");
    expect(() => readConfig({ STAFF_HOURS: "kadang-kadang" })).toThrow(/STAFF_HOURS/);
    expect(readConfig({ STAFF_HOURS: "Senin–Jumat 08.00–16.00 WIB" }).STAFF_HOURS).toBe(
      "Senin–Jumat 08.00–16.00 WIB",
    );
  });
});
