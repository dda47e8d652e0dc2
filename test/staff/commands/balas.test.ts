import { describe, expect, it } from "vitest";
import type { MediaRef } from "../../../src/engine/types.ts";
import { balas } from "../../../src/staff/commands/balas.ts";
import { commandBench, REPORTER } from "../../helpers/staff-command.ts";

const PHOTO: MediaRef = { kind: "photo", fileId: "tg-photo" };

describe("/balas", () => {
  it("reads the text after the case, or a file sent with the command as its caption", () => {
    expect(balas.fromText({ ref: "JR-7Q3K", rest: "Kami cek", media: undefined })).toEqual({
      name: "balas",
      ref: "JR-7Q3K",
      text: "Kami cek",
      media: undefined,
    });
    expect(balas.fromText({ ref: "JR-7Q3K", rest: "", media: PHOTO })).toEqual({
      name: "balas",
      ref: "JR-7Q3K",
      text: undefined,
      media: PHOTO,
    });
  });

  it("passes the text to the reporter and takes the case for whoever answered first", async () => {
    const b = await commandBench();
    balas.run(b.ctx(), { name: "balas", ref: b.ref, text: "Kami cek ke KBRI." });
    expect(b.toReporter()).toEqual([
      `Balasan petugas untuk laporan ${b.ref}:\n\nKami cek ke KBRI.`,
    ]);
    expect(b.replies).toEqual([`➡️ Terkirim ke pelapor ${b.ref}.`]);
    const record = b.store.cases.byRef(b.ref);
    expect(record).toMatchObject({ status: "claimed", assignee: "telegram:111" });
    expect(record?.firstResponseAt).toBe(b.clock.now());
    expect(b.store.cases.events(record?.id ?? 0).at(-1)).toMatchObject({
      actor: "telegram:111",
      type: "staff_reply",
      data: { text: "Kami cek ke KBRI." },
    });
    expect(b.audit().at(-1)).toMatchObject({ action: "case.reply", target: b.ref });
    // The reporter's log shows it as staff's, and the message belongs to the case.
    const user = b.store.users.find("whatsapp", REPORTER);
    expect(b.store.messages.recent(user?.id ?? 0, 1)[0]).toMatchObject({
      direction: "out",
      kind: "staff",
    });
    const queued = b.store.outbox.due("whatsapp", Number.MAX_SAFE_INTEGER).get(REPORTER);
    expect(queued?.at(-1)?.caseId).toBe(record?.id);
  });

  it("passes a file alone", async () => {
    const b = await commandBench();
    balas.run(b.ctx(), { name: "balas", ref: b.ref, media: PHOTO });
    const queued = b.store.outbox.due("whatsapp", Number.MAX_SAFE_INTEGER).get(REPORTER);
    expect(queued?.at(-1)?.message.media).toEqual(PHOTO);
    expect(b.replies).toEqual([`➡️ Terkirim ke pelapor ${b.ref}.`]);
  });

  it("asks for the text, after the case is known to exist", async () => {
    const b = await commandBench();
    balas.run(b.ctx(), { name: "balas", ref: "JR-ZZZZ" });
    balas.run(b.ctx(), { name: "balas", ref: b.ref });
    balas.run(b.ctx(), { name: "balas", text: "halo" });
    expect(b.replies).toEqual([
      "Kasus JR-ZZZZ tidak ditemukan. Ketik /kasus untuk daftar kasus terbuka.",
      "Tulis isinya setelah nomor kasus, misalnya: /balas JR-7Q3K teks",
      "Sebutkan nomor kasus, misalnya: /balas JR-7Q3K",
    ]);
    expect(b.toReporter()).toEqual([]);
    expect(b.store.cases.byRef(b.ref)?.status).toBe("new");
  });

  it("tells staff when the reporter has erased their data", async () => {
    const b = await commandBench();
    const user = b.store.users.find("whatsapp", REPORTER);
    b.store.eraseUser(user?.id ?? 0, b.clock.now());
    balas.run(b.ctx(), { name: "balas", ref: b.ref, text: "Halo" });
    expect(b.replies).toEqual([
      `Pelapor ${b.ref} sudah menghapus datanya. Pesan tidak bisa dikirim.`,
    ]);
    const record = b.store.cases.byRef(b.ref);
    expect(b.store.cases.events(record?.id ?? 0).at(-1)?.type).toBe("reply_undeliverable");
  });
});
