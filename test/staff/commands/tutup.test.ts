import { describe, expect, it } from "vitest";
import { tutup } from "../../../src/staff/commands/tutup.ts";
import { commandBench } from "../../helpers/staff-command.ts";

describe("/tutup", () => {
  it("reads closing words after the case", () => {
    const words = { ref: "JR-7Q3K", rest: "Semoga lancar", media: undefined };
    expect(tutup.fromText(words)).toEqual({ name: "tutup", ref: "JR-7Q3K", note: "Semoga lancar" });
    expect(tutup.fromText({ ...words, rest: "" }).note).toBeUndefined();
  });

  it("closes the case; the reporter gets the closing words, the staff chat the notice", async () => {
    const b = await commandBench();
    tutup.run(b.ctx(), { name: "tutup", ref: b.ref, note: "Semoga lancar" });
    const record = b.store.cases.byRef(b.ref);
    expect(record).toMatchObject({ status: "closed", resolvedAt: b.clock.now() });
    expect(b.toReporter()).toEqual([
      `Laporan ${b.ref} sekarang ditutup. Terima kasih sudah melapor. Jika ada masalah lagi, ketik 0 untuk menu.`,
      "Pesan penutup dari petugas: Semoga lancar",
    ]);
    expect(b.toStaff()).toEqual([`✔️ ${b.ref} ditutup oleh Bu Rina. Pelapor sudah diberi tahu.`]);
    expect(b.store.cases.events(record?.id ?? 0).at(-1)).toMatchObject({
      type: "status",
      data: { status: "closed", text: "Semoga lancar" },
    });
    expect(b.audit().at(-1)).toMatchObject({ action: "case.status", data: { status: "closed" } });
  });

  it("asks for the case, and for one that exists", async () => {
    const b = await commandBench();
    tutup.run(b.ctx(), { name: "tutup" });
    tutup.run(b.ctx(), { name: "tutup", ref: "JR-ZZZZ" });
    expect(b.replies).toEqual([
      "Sebutkan nomor kasus, misalnya: /tutup JR-7Q3K",
      "Kasus JR-ZZZZ tidak ditemukan. Ketik /kasus untuk daftar kasus terbuka.",
    ]);
    expect(b.store.cases.byRef(b.ref)?.status).toBe("new");
  });
});
