import { describe, expect, it } from "vitest";
import type { MediaRef } from "../../../src/engine/types.ts";
import { parseStaffText } from "../../../src/staff/commands/parse.ts";
import { STAFF_COMMANDS } from "../../../src/staff/commands/registry.ts";

const PHOTO: MediaRef = { kind: "photo", fileId: "f" };

describe("the staff text parser", () => {
  it("reads every command word, with a case, a bot's name after it, in any case", () => {
    for (const name of STAFF_COMMANDS) {
      expect(parseStaffText(`/${name} JR-7Q3K`)?.name).toBe(name);
      expect(parseStaffText(`  /${name.toUpperCase()}@jalur_resmi_bot jr7q3k`)?.name).toBe(name);
    }
    expect(parseStaffText("/ambil@jalur_resmi_bot jr7q3k")).toEqual({
      name: "ambil",
      ref: "JR-7Q3K",
    });
  });

  it("splits the case from the rest (whose spaces and line breaks become single spaces)", () => {
    expect(parseStaffText("/balas JR-7Q3K Kami cek.\nSabar  ya")).toEqual({
      name: "balas",
      ref: "JR-7Q3K",
      text: "Kami cek. Sabar ya",
      media: undefined,
    });
    expect(parseStaffText("/status JR-7Q3K dirujuk P4MI Pamekasan")).toMatchObject({
      status: "referred",
      office: "P4MI Pamekasan",
    });
    // No case named: everything is the rest, and the handler asks for the case.
    expect(parseStaffText("/balas halo semua")).toMatchObject({
      ref: undefined,
      text: "halo semua",
    });
  });

  it("gives a file sent with the command to the command", () => {
    expect(parseStaffText("/balas JR-7Q3K", PHOTO)).toMatchObject({ name: "balas", media: PHOTO });
  });

  it("reads only what starts with /; an unknown /word is a call for help", () => {
    expect(parseStaffText("balas JR-7Q3K halo")).toBeUndefined();
    expect(parseStaffText("selamat pagi")).toBeUndefined();
    expect(parseStaffText("")).toBeUndefined();
    expect(parseStaffText(undefined)).toBeUndefined();
    expect(parseStaffText("/ 🙂")).toBeUndefined();
    expect(parseStaffText("/halo JR-7Q3K")).toEqual({ name: "bantuan" });
    expect(parseStaffText("/constructor")).toEqual({ name: "bantuan" });
  });
});
