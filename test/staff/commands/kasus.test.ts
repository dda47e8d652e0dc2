import { describe, expect, it } from "vitest";
import { catatan } from "../../../src/staff/commands/catatan.ts";
import { kasus } from "../../../src/staff/commands/kasus.ts";
import { tutup } from "../../../src/staff/commands/tutup.ts";
import { commandBench } from "../../helpers/staff-command.ts";

describe("/kasus", () => {
  it("reads an optional case", () => {
    expect(kasus.fromText({ ref: undefined, rest: "", media: undefined })).toEqual({
      name: "kasus",
      ref: undefined,
    });
    expect(kasus.fromText({ ref: "JR-7Q3K", rest: "", media: undefined }).ref).toBe("JR-7Q3K");
  });

  it("lists the open cases, and says when there are none", async () => {
    const b = await commandBench();
    kasus.run(b.ctx(), { name: "kasus" });
    tutup.run(b.ctx(), { name: "tutup", ref: b.ref });
    b.replies.length = 0;
    kasus.run(b.ctx(), { name: "kasus" });
    expect(b.replies).toEqual(["Tidak ada kasus terbuka."]);
    const listed = b.audit().filter((a) => a.action === "case.list");
    expect(listed).toHaveLength(2);
    expect(listed[0]?.actor).toBe("telegram:111");
  });

  it("lists a case with its reference, priority and status", async () => {
    const b = await commandBench();
    kasus.run(b.ctx(), { name: "kasus" });
    const [header, line] = (b.replies[0] ?? "").split("\n");
    expect(header).toBe("Kasus terbuka (1), yang mendesak dan terlama lebih dulu:");
    expect(line).toMatch(new RegExp(`^${b.ref} · .+ · baru · `));
  });

  it("shows one case: its card, status and history, who did what by name", async () => {
    const b = await commandBench();
    catatan.run(b.ctx(), { name: "catatan", ref: b.ref, text: "Sudah telepon" });
    b.replies.length = 0;
    kasus.run(b.ctx(), { name: "kasus", ref: b.ref });
    const shown = b.replies[0] ?? "";
    expect(shown).toContain(b.ref);
    expect(shown).toContain("Status: baru · Petugas: - · Dirujuk ke: -");
    expect(shown).toContain("Riwayat:");
    expect(shown).toContain(": Sudah telepon");
    expect(b.audit().at(-1)).toMatchObject({ action: "case.view", target: b.ref });
  });

  it("says when the case does not exist", async () => {
    const b = await commandBench();
    kasus.run(b.ctx(), { name: "kasus", ref: "JR-ZZZZ" });
    expect(b.replies).toEqual([
      "Kasus JR-ZZZZ tidak ditemukan. Ketik /kasus untuk daftar kasus terbuka.",
    ]);
  });
});
