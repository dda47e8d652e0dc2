import { describe, expect, it } from "vitest";
import { catatan } from "../../../src/staff/commands/catatan.ts";
import { commandBench } from "../../helpers/staff-command.ts";

describe("/catatan", () => {
  it("reads the text after the case", () => {
    expect(catatan.fromText({ ref: "JR-7Q3K", rest: "Sudah telepon", media: undefined })).toEqual({
      name: "catatan",
      ref: "JR-7Q3K",
      text: "Sudah telepon",
    });
    expect(catatan.fromText({ ref: "JR-7Q3K", rest: "", media: undefined }).text).toBeUndefined();
  });

  it("keeps an internal note in the history; the reporter and the staff chat get nothing", async () => {
    const b = await commandBench();
    catatan.run(b.ctx(), { name: "catatan", ref: b.ref, text: "Sudah telepon keluarga" });
    expect(b.replies).toEqual([
      `📝 Catatan internal untuk ${b.ref} disimpan (tidak dikirim ke pelapor).`,
    ]);
    const record = b.store.cases.byRef(b.ref);
    expect(b.store.cases.events(record?.id ?? 0).at(-1)).toMatchObject({
      actor: "telegram:111",
      type: "note",
      data: { text: "Sudah telepon keluarga" },
    });
    expect(b.audit().at(-1)).toMatchObject({ action: "case.note", target: b.ref });
    expect(b.toReporter()).toEqual([]);
    expect(b.toStaff()).toEqual([]);
    expect(record?.status).toBe("new");
  });

  it("asks for the text, and for a case that exists", async () => {
    const b = await commandBench();
    catatan.run(b.ctx(), { name: "catatan", ref: b.ref });
    catatan.run(b.ctx(), { name: "catatan", ref: "JR-ZZZZ", text: "x" });
    catatan.run(b.ctx(), { name: "catatan", text: "x" });
    expect(b.replies).toEqual([
      "Tulis isinya setelah nomor kasus, misalnya: /catatan JR-7Q3K teks",
      "Kasus JR-ZZZZ tidak ditemukan. Ketik /kasus untuk daftar kasus terbuka.",
      "Sebutkan nomor kasus, misalnya: /catatan JR-7Q3K",
    ]);
    expect(b.audit().some((a) => a.action === "case.note")).toBe(false);
  });
});
