import { describe, expect, it } from "vitest";
import { makeSourceCode, normalizeSourceCode } from "../../src/outreach/code.ts";
import { formatEntryToken, parseEntryToken, tokenInText } from "../../src/outreach/entry.ts";
import { entryBases, entryLinks } from "../../src/outreach/links.ts";
import { weekDate, weekOf, weekStartMs } from "../../src/outreach/week.ts";
import { seeded, testConfig } from "../helpers/app.ts";

describe("source codes", () => {
  it("are four characters of the case-reference alphabet, longer only after collisions", () => {
    const code = makeSourceCode(seeded(1), () => false);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}$/);
    let tries = 0;
    const long = makeSourceCode(seeded(2), () => ++tries <= 20);
    expect(long).toHaveLength(5);
    expect(normalizeSourceCode(" k7q3 ")).toBe("K7Q3");
    // 0, O, 1, I and L are never part of a code.
    expect(normalizeSourceCode("K0Q1")).toBeUndefined();
  });
});

describe("entry tokens", () => {
  it("carry a code and, when a link asks for one, a language", () => {
    expect(parseEntryToken("K7Q3")).toEqual({ code: "K7Q3" });
    expect(parseEntryToken("k7q3-mad")).toEqual({ code: "K7Q3", lang: "mad" });
    expect(parseEntryToken("K7Q3_id")).toEqual({ code: "K7Q3", lang: "id" });
    expect(parseEntryToken("K7Q3-en")).toBeUndefined();
    // A deep link's payload as links write it: `human` is a flow, never the code HUMAN.
    expect(parseEntryToken("human", true)).toBeUndefined();
    expect(parseEntryToken("HUMAN", true)).toEqual({ code: "HUMAN" });
    expect(formatEntryToken("K7Q3", "mad")).toBe("K7Q3-mad");
  });

  it("are found in a message only after #, and taken out of it", () => {
    expect(tokenInText("Halo #K7Q3")).toEqual({ token: { code: "K7Q3" }, rest: "Halo" });
    expect(tokenInText("#k7q3-mad assalamualaikum")).toEqual({
      token: { code: "K7Q3", lang: "mad" },
      rest: "assalamualaikum",
    });
    expect(tokenInText("Halo K7Q3")).toBeUndefined();
    expect(tokenInText("harga#K7Q3")).toBeUndefined();
    expect(tokenInText("#K7Q3X9Y7")).toBeUndefined();
  });
});

describe("entry links", () => {
  const bases = entryBases(
    testConfig({
      TELEGRAM_BOT_USERNAME: "@jalur_resmi_bot",
      WHATSAPP_NUMBER: "6281234567890",
      PUBLIC_URL: "https://bot.example.org/",
    }),
  );

  it("open each channel with the code; another language than the source's is named", () => {
    const source = { code: "K7Q3", lang: "id" as const };
    expect(entryLinks(source, "id", bases, "Halo")).toEqual({
      whatsapp: "https://wa.me/6281234567890?text=Halo%20%23K7Q3",
      telegram: "https://t.me/jalur_resmi_bot?start=K7Q3",
      web: "https://bot.example.org/chat?src=K7Q3&lang=id",
    });
    expect(entryLinks(source, "mad", bases, "Assalamualaikum")).toEqual({
      whatsapp: "https://wa.me/6281234567890?text=Assalamualaikum%20%23K7Q3-mad",
      telegram: "https://t.me/jalur_resmi_bot?start=K7Q3-mad",
      web: "https://bot.example.org/chat?src=K7Q3&lang=mad",
    });
  });

  it("leave out a channel that is not configured", () => {
    const none = entryBases(testConfig({ WEB_CHAT_ENABLED: "false" }));
    expect(entryLinks({ code: "K7Q3", lang: "id" }, "id", none, "Halo")).toEqual({});
    const paired = entryBases(
      testConfig({ WHATSAPP_ENABLED: "true", WHATSAPP_PAIRING_NUMBER: "6289999999999" }),
    );
    expect(paired.whatsappNumber).toBe("6289999999999");
  });
});

describe("weeks", () => {
  it("run Monday to Sunday in Pamekasan time", () => {
    // Monday 7 December 2026, 00:30 WIB is Sunday 17:30 UTC.
    const monday = Date.UTC(2026, 11, 6, 17, 30);
    expect(weekDate(weekOf(monday))).toBe("2026-12-07");
    expect(weekDate(weekOf(monday - 3_600_000))).toBe("2026-11-30");
    expect(weekStartMs(weekOf(monday))).toBe(Date.UTC(2026, 11, 6, 17, 0));
  });
});
