import { describe, expect, it } from "vitest";
import { ambil } from "../../../src/staff/commands/ambil.ts";
import { commandBench } from "../../helpers/staff-command.ts";

describe("/ambil", () => {
  it("reads the case from the typed words and ignores what follows", () => {
    const words = { ref: "JR-7Q3K", rest: "sekarang", media: undefined };
    expect(ambil.fromText(words)).toEqual({ name: "ambil", ref: "JR-7Q3K" });
  });

  it("takes the case for the staff member; the reporter and the staff chat are told", async () => {
    const b = await commandBench();
    const ctx = b.ctx();
    ambil.run(ctx, { name: "ambil", ref: b.ref });
    expect(b.store.cases.byRef(b.ref)).toMatchObject({
      status: "claimed",
      assignee: "telegram:111",
    });
    expect(b.toReporter()).toEqual([`Kabar laporan ${b.ref}: sedang ditangani petugas.`]);
    expect(b.toStaff()).toEqual([`✅ ${b.ref} diambil oleh Bu Rina.`]);
    expect(b.audit().at(-1)).toMatchObject({
      actor: "telegram:111",
      action: "case.status",
      target: b.ref,
      data: { status: "claimed" },
    });
    expect([...ctx.touched].sort()).toEqual(["telegram", "whatsapp"]);
  });

  it("asks for the case when none is named, and says so when there is no such case", async () => {
    const b = await commandBench();
    ambil.run(b.ctx(), { name: "ambil" });
    ambil.run(b.ctx(), { name: "ambil", ref: "JR-ZZZZ" });
    expect(b.replies).toEqual([
      "Sebutkan nomor kasus, misalnya: /ambil JR-7Q3K",
      "Kasus JR-ZZZZ tidak ditemukan. Ketik /kasus untuk daftar kasus terbuka.",
    ]);
    expect(b.store.cases.byRef(b.ref)?.status).toBe("new");
    expect(b.toReporter()).toEqual([]);
  });
});
