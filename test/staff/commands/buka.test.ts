import { describe, expect, it } from "vitest";
import { ambil } from "../../../src/staff/commands/ambil.ts";
import { buka } from "../../../src/staff/commands/buka.ts";
import { tutup } from "../../../src/staff/commands/tutup.ts";
import { commandBench } from "../../helpers/staff-command.ts";

describe("/buka", () => {
  it("reads the case from the typed words", () => {
    expect(buka.fromText({ ref: "JR-7Q3K", rest: "", media: undefined })).toEqual({
      name: "buka",
      ref: "JR-7Q3K",
    });
  });

  it("reopens a closed case as new when nobody had taken it", async () => {
    const b = await commandBench();
    tutup.run(b.ctx(), { name: "tutup", ref: b.ref });
    buka.run(b.ctx(), { name: "buka", ref: b.ref });
    expect(b.store.cases.byRef(b.ref)).toMatchObject({ status: "new", resolvedAt: null });
    expect(b.toStaff().at(-1)).toBe(`↩️ ${b.ref} dibuka lagi oleh Bu Rina.`);
    expect(b.toReporter().at(-1)).toBe(`Kabar laporan ${b.ref}: diterima, menunggu petugas.`);
    expect(b.audit().at(-1)).toMatchObject({ action: "case.status", data: { status: "new" } });
  });

  it("reopens a closed case with whoever had taken it", async () => {
    const b = await commandBench();
    ambil.run(b.ctx({ actor: "telegram:222", who: "Pak Budi" }), { name: "ambil", ref: b.ref });
    tutup.run(b.ctx(), { name: "tutup", ref: b.ref });
    buka.run(b.ctx(), { name: "buka", ref: b.ref });
    expect(b.store.cases.byRef(b.ref)).toMatchObject({
      status: "claimed",
      assignee: "telegram:222",
    });
  });

  it("asks for the case, and for one that exists", async () => {
    const b = await commandBench();
    buka.run(b.ctx(), { name: "buka" });
    buka.run(b.ctx(), { name: "buka", ref: "JR-ZZZZ" });
    expect(b.replies).toEqual([
      "Sebutkan nomor kasus, misalnya: /buka JR-7Q3K",
      "Kasus JR-ZZZZ tidak ditemukan. Ketik /kasus untuk daftar kasus terbuka.",
    ]);
  });
});
