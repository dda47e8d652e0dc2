import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/db.ts";
import { MIGRATIONS, migrate } from "../../src/store/migrations.ts";

const version = (db: Database.Database) => db.pragma("user_version", { simple: true });
const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe("migrations", () => {
  it("bring a database from an older schema forward, keeping its data", () => {
    const db = new Database(":memory:");
    migrate(db, 1);
    expect(version(db)).toBe(1);
    expect(tables(db)).not.toContain("cases");
    db.prepare(
      "INSERT INTO users (channel, address, first_seen, last_seen) VALUES ('sim', 'a', 1, 1)",
    ).run();
    migrate(db);
    expect(version(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        "users",
        "sessions",
        "inbound",
        "outbox",
        "cases",
        "case_events",
        "attachments",
        "audit",
      ]),
    );
    expect(db.prepare("SELECT address FROM users").pluck().get()).toBe("a");
    migrate(db);
    expect(version(db)).toBe(MIGRATIONS.length);
  });

  it("roll back a failing upgrade entirely, earlier steps of it included", () => {
    const db = new Database(":memory:");
    migrate(db, 1);
    MIGRATIONS.push((d) => {
      d.exec("CREATE TABLE half (x)");
      throw new Error("boom");
    });
    try {
      expect(() => migrate(db)).toThrow("boom");
      expect(version(db)).toBe(1);
      expect(tables(db)).not.toContain("half");
      expect(tables(db)).not.toContain("cases");
    } finally {
      MIGRATIONS.pop();
    }
  });

  it("leave a database file exactly as it was when an upgrade's migration fails", () => {
    const dir = mkdtempSync(join(tmpdir(), "jr-mig-"));
    const path = join(dir, "bot.db");
    const sha = () => createHash("sha256").update(readFileSync(path)).digest("hex");
    try {
      // The database of the release before: one migration short, with a user in it.
      const old = openDatabase(path, { migrate: false });
      migrate(old, MIGRATIONS.length - 1);
      old
        .prepare(
          "INSERT INTO users (channel, address, first_seen, last_seen) VALUES ('sim', 'a', 1, 1)",
        )
        .run();
      old.close();
      const before = sha();

      // The upgrade: its last migration does some work, then fails.
      MIGRATIONS.push((d) => {
        d.exec("CREATE TABLE half (x); DELETE FROM users;");
        throw new Error("boom");
      });
      try {
        expect(() => openDatabase(path)).toThrow("boom");
      } finally {
        MIGRATIONS.pop();
      }
      expect(existsSync(`${path}-wal`)).toBe(false);
      expect(sha()).toBe(before);

      // The old program still opens it, at its own version, with its data.
      const again = new Database(path);
      expect(version(again)).toBe(MIGRATIONS.length - 1);
      expect(tables(again)).not.toContain("half");
      expect(again.prepare("SELECT address FROM users").pluck().all()).toEqual(["a"]);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuse a database made by a newer program", () => {
    const db = new Database(":memory:");
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this program/);
  });

  it("open files in WAL mode with foreign keys", () => {
    const db = openDatabase(":memory:");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
  });
});
