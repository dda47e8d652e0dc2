import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase } from "../../src/store/backup.ts";
import { testBot } from "../helpers/app.ts";

const DAY = 86_400_000;

describe("retention and backup", () => {
  it("purges old logs and the media of long-closed cases, and keeps open cases whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jr-ret-"));
    try {
      const bot = testBot({ env: { RETENTION_DAYS: "30" } });
      const { store } = bot.app;
      for (const [user, text] of [
        ["a", "Pertanyaan lama"],
        ["b", "Pertanyaan baru"],
      ] as const) {
        await bot.sim.line(JSON.stringify({ from: `user:${user}`, text: "petugas" }));
        await bot.sim.line(JSON.stringify({ from: `user:${user}`, text }));
      }
      const [old, fresh] = store.cases.createdSince(0);
      const oldFile = join(dir, "old.jpg");
      const freshFile = join(dir, "fresh.jpg");
      writeFileSync(oldFile, "x");
      writeFileSync(freshFile, "x");
      store.cases.attach(
        old?.id ?? 0,
        old?.userId ?? null,
        { kind: "photo", path: oldFile },
        bot.clock.now(),
      );
      store.cases.attach(
        fresh?.id ?? 0,
        fresh?.userId ?? null,
        { kind: "photo", path: freshFile },
        bot.clock.now(),
      );
      await bot.sim.line(JSON.stringify({ from: "staff:s1", text: `/tutup ${old?.ref}` }));
      store.webChat.add("wabc", "in", { text: "Pesan web lama" }, bot.clock.now());
      bot.clock.advance(31 * DAY);
      await bot.app.tick();
      expect(existsSync(oldFile)).toBe(false);
      expect(existsSync(freshFile)).toBe(true);
      expect(store.cases.attachments(old?.id ?? 0)).toEqual([]);
      expect(store.cases.attachments(fresh?.id ?? 0)).toHaveLength(1);
      expect(store.db.prepare("SELECT count(*) FROM messages").pluck().get()).toBe(0);
      expect(store.webChat.latest("wabc")).toEqual([]);
      expect(JSON.stringify(store.cases.events(old?.id ?? 0))).not.toContain("Pertanyaan lama");
      expect(store.cases.byRef(fresh?.ref ?? "")?.answers).toEqual({ question: "Pertanyaan baru" });
      await bot.app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("backs up a live database online to a private, checked file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jr-bak-"));
    try {
      const bot = testBot({ databasePath: join(dir, "live.db") });
      await bot.sim.line(JSON.stringify({ from: "user:a", text: "halo" }));
      const out = join(dir, "backups", "copy.db");
      expect(await backupDatabase(bot.app.store.db, out)).toBeGreaterThan(0);
      const copy = new Database(out, { readonly: true });
      expect(copy.prepare("SELECT address FROM users").pluck().all()).toEqual(["a"]);
      copy.close();
      const { statSync } = await import("node:fs");
      expect(statSync(out).mode & 0o777).toBe(0o600);
      await bot.app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
