import { describe, expect, it } from "vitest";
import { STATUS_WORDS, status } from "../../../src/staff/commands/status.ts";
import { commandBench } from "../../helpers/staff-command.ts";

const words = (rest: string) => ({ ref: "JR-7Q3K", rest, media: undefined });

describe("/status", () => {
  it("reads a status word in Indonesian or by its internal name, and the office after it", () => {
    expect(status.fromText(words("dirujuk P4MI  Pamekasan"))).toEqual({
      name: "status",
      ref: "JR-7Q3K",
      status: "referred",
      word: "dirujuk",
      office: "P4MI Pamekasan",
    });
    expect(status.fromText(words("Menunggu")).status).toBe("waiting");
    expect(status.fromText(words("resolved")).status).toBe("resolved");
    expect(STATUS_WORDS.get("ditutup")).toBe("closed");
  });

  it("takes no word an object has for a status (constructor, toString)", () => {
    for (const word of ["constructor", "toString", "__proto__", ""]) {
      expect(status.fromText(words(word))).toMatchObject({ status: undefined, word });
    }
  });

  it("refers the case to an office; the reporter and the staff chat are told", async () => {
    const b = await commandBench();
    const ctx = b.ctx();
    status.run(ctx, {
      name: "status",
      ref: b.ref,
      status: "referred",
      word: "dirujuk",
      office: "P4MI Pamekasan",
    });
    expect(b.store.cases.byRef(b.ref)).toMatchObject({
      status: "referred",
      office: "P4MI Pamekasan",
    });
    expect(b.toReporter()).toEqual([
      `Laporan ${b.ref} sudah diteruskan ke P4MI Pamekasan. Petugas akan memberi kabar di sini.`,
    ]);
    expect(b.toStaff()).toEqual([`ℹ️ ${b.ref}: status dirujuk P4MI Pamekasan (oleh Bu Rina).`]);
    expect(b.audit().at(-1)).toMatchObject({
      action: "case.status",
      target: b.ref,
      data: { status: "referred" },
    });
  });

  it("marks a case resolved: resolved time set, the reporter's conversation back with the bot", async () => {
    const b = await commandBench();
    status.run(b.ctx(), { name: "status", ref: b.ref, status: "resolved", word: "selesai" });
    const record = b.store.cases.byRef(b.ref);
    expect(record).toMatchObject({ status: "resolved", resolvedAt: b.clock.now() });
    expect(b.toReporter()).toEqual([
      `Laporan ${b.ref} sekarang selesai ditangani. Terima kasih sudah melapor. Jika ada masalah lagi, ketik 0 untuk menu.`,
    ]);
    expect(b.store.sessions.load(record?.userId ?? 0)?.mode).toBe("bot");
  });

  it("names an unknown word, asks for the office of a referral, and changes nothing", async () => {
    const b = await commandBench();
    status.run(b.ctx(), { name: "status", ref: b.ref, word: "constructor" });
    status.run(b.ctx(), { name: "status", ref: b.ref, status: "referred", word: "dirujuk" });
    status.run(b.ctx(), { name: "status", ref: "JR-ZZZZ", word: "nanti" });
    status.run(b.ctx(), { name: "status", word: "selesai" });
    expect(b.replies).toEqual([
      'Status "constructor" tidak dikenal. Pilih: baru, diambil, menunggu, dirujuk <kantor>, selesai, tutup.',
      `Sebutkan kantor rujukan, misalnya: /status ${b.ref} dirujuk P4MI Pamekasan`,
      "Kasus JR-ZZZZ tidak ditemukan. Ketik /kasus untuk daftar kasus terbuka.",
      "Sebutkan nomor kasus, misalnya: /status JR-7Q3K",
    ]);
    expect(b.store.cases.byRef(b.ref)?.status).toBe("new");
    expect(b.toReporter()).toEqual([]);
  });
});
