/**
 * "Erase means erased": a visitor reports through the web chat (a phone number and their name
 * typed into free text, a file with a caption), then erases their data. Afterwards the raw bytes
 * of the database file, its WAL and the media folder are searched for what they sent.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { png } from "../../helpers/png.ts";
import { Browser, STAFF_CHAT, type WebBot, webBot } from "../../helpers/web.ts";

let bot: WebBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** Every file that could hold what the visitor sent: the database, its WAL, the media. */
function rawFiles(b: WebBot): Buffer[] {
  const db = join(b.dir, "bot.db");
  const files = [db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f));
  return [...files, ...readdirSync(b.mediaDir).map((f) => readFileSync(join(b.mediaDir, f)))];
}
const found = (files: Buffer[], marker: string) =>
  files.filter((bytes) => bytes.includes(Buffer.from(marker, "utf8"))).length;

describe("erase means erased", { timeout: 60_000 }, () => {
  it("leaves none of the visitor's text, phone, name or file bytes in the database files or media", async () => {
    bot = await webBot();
    const b = bot;
    const visitor = new Browser(b.url);
    await visitor.get("/chat");
    const send = async (body: Record<string, string>) => {
      const got = await visitor.json("/chat/api/send", { ...body, mid: randomUUID() });
      expect(got.status).toBe(200);
    };
    await send({ text: "halo saya PRIVCHAT_ZQ" });
    await send({ text: "lapor" });
    await send({ choice: "yes" });
    await send({ choice: "recruiter" });
    await send({ text: "Desa Waru Barat" });
    await send({
      text: "Pak Rudi minta 15 juta. Saya Siti PRIVNAME_ZQ, telepon 0813-5550-1234 atau +62 813 5550 1234",
    });
    // A call is safe at any time (the captive-safe question), then the number.
    await send({ choice: "any" });
    await send({ text: "081355501234" });
    await send({ text: "Siti PRIVNAME_ZQ" });
    const file = Buffer.concat([png(), Buffer.from("PRIVFILE_ZQ".repeat(50))]);
    const form = new FormData();
    form.set("mid", randomUUID());
    form.set("text", "foto PRIVCAPTION_ZQ");
    form.set("file", new Blob([new Uint8Array(file)], { type: "image/png" }), "bukti.png");
    expect((await visitor.multipart("/chat", form)).status).toBe(303);
    const record = b.app.store.db.prepare("SELECT ref, answers FROM cases").get() as {
      ref: string;
      answers: string;
    };
    expect(record.answers).toContain("PRIVNAME_ZQ");
    expect(readdirSync(b.mediaDir)).toHaveLength(1);
    // Staff got the card (with what was typed) in their chat.
    expect(b.telegram.to(STAFF_CHAT).some((o) => o.message.text.includes("PRIVNAME_ZQ"))).toBe(
      true,
    );
    const before = rawFiles(b);
    for (const marker of [
      "PRIVCHAT_ZQ",
      "PRIVNAME_ZQ",
      "PRIVCAPTION_ZQ",
      "PRIVFILE_ZQ",
      "081355501234",
    ]) {
      expect(found(before, marker), marker).toBeGreaterThan(0);
    }

    await send({ text: "hapus" });
    await send({ text: "ya" });
    expect(b.app.store.db.prepare("SELECT count(*) FROM users").pluck().get()).toBe(0);

    const after = rawFiles(b);
    for (const marker of [
      "PRIVCHAT_ZQ",
      "PRIVNAME_ZQ",
      "PRIVCAPTION_ZQ",
      "PRIVFILE_ZQ",
      "081355501234",
      "5550-1234",
      "813 5550 1234",
    ]) {
      expect(found(after, marker), marker).toBe(0);
    }
    expect(readdirSync(b.mediaDir)).toEqual([]);
    // Staff keep the case, not the identity.
    const kept = b.app.store.cases.byRef(record.ref);
    expect(kept?.answers.sender).toBe(
      "Pak Rudi minta 15 juta. Saya [nama dihapus] [nama dihapus], telepon [nomor dihapus] atau [nomor dihapus]",
    );
    expect(kept?.answers.place).toBe("Desa Waru Barat");
    expect(kept?.userId).toBeNull();
    // The same holds after a restart-style checkpoint of everything.
    b.app.store.scrubFiles();
    const closed = rawFiles(b);
    expect(found(closed, "PRIVNAME_ZQ")).toBe(0);
  });
});
