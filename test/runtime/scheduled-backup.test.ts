import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { Simulator, SimulatorChannel } from "../../src/channels/simulator/channel.ts";
import { createLogger } from "../../src/log.ts";
import { backupDatabase } from "../../src/store/backup.ts";
import { FakeClock, seeded, testConfig } from "../helpers/app.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "jr-sched-bak-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A bot on a file database with scheduled backups, its log lines kept. */
function bot(env: Record<string, string>) {
  const clock = new FakeClock(); // 2026-11-27 09:00 UTC = 16:00 WIB
  const channel = new SimulatorChannel();
  const logs: { msg: string; level: number }[] = [];
  const log = createLogger("info", {
    write: (line: string) => {
      logs.push(JSON.parse(line) as { msg: string; level: number });
    },
  });
  const app = createApp({
    config: testConfig(env),
    log,
    channels: [channel],
    clock: clock.now,
    random: seeded(),
    databasePath: join(dir, "live.db"),
  });
  void channel.start(app);
  const sim = new Simulator(channel);
  const copies = (folder: string) => (existsSync(folder) ? readdirSync(folder).sort() : []);
  const staff = () =>
    channel
      .take()
      .filter((m) => m.to === "staff" && m.text.includes("Cadangan"))
      .map((m) => m.text);
  return { app, sim, clock, logs, copies, staff };
}

describe("scheduled backups", () => {
  it("make one checked, private copy a day from BACKUP_HOUR and keep the newest BACKUP_KEEP", async () => {
    const backups = join(dir, "backups");
    const b = bot({ BACKUP_DIR: backups, BACKUP_HOUR: "20", BACKUP_KEEP: "2" });
    await b.sim.line(JSON.stringify({ from: "user:a", text: "halo" }));
    await b.app.tick(); // 16:00 WIB: not yet
    expect(b.copies(backups)).toEqual([]);
    b.clock.advance(4 * HOUR); // 20:00 WIB
    await b.app.tick();
    expect(b.copies(backups)).toEqual(["jalur-resmi-20261127T130000Z.db"]);
    b.clock.advance(HOUR);
    await b.app.tick(); // the same day: no second copy
    expect(b.copies(backups)).toHaveLength(1);

    const first = join(backups, "jalur-resmi-20261127T130000Z.db");
    expect(statSync(first).mode & 0o777).toBe(0o600);
    const copy = new Database(first, { readonly: true });
    expect(copy.prepare("SELECT address FROM users").pluck().all()).toEqual(["a"]);
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();

    // Someone else's file in the folder is never pruned.
    writeFileSync(join(backups, "notes.db"), "keep me");
    for (let day = 0; day < 3; day++) {
      b.clock.advance(DAY);
      await b.app.tick();
    }
    expect(b.copies(backups)).toEqual([
      "jalur-resmi-20261129T140000Z.db",
      "jalur-resmi-20261130T140000Z.db",
      "notes.db",
    ]);
    expect(b.logs.filter((l) => l.msg === "backup_done")).toHaveLength(4);
    expect(b.staff()).toEqual([]);
    await b.app.close();
  });

  it("report a failure to the staff chats and the log once, retry hourly, and say when it works again", async () => {
    const backups = join(dir, "blocked");
    writeFileSync(backups, "a file where the folder should be");
    const b = bot({ BACKUP_DIR: backups, BACKUP_HOUR: "2" });
    b.staff();
    await b.app.tick();
    const failed = b.logs.filter((l) => l.msg === "backup_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.level).toBe(50);
    const notices = b.staff();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("GAGAL");
    expect(notices[0]).toContain("EEXIST");

    b.clock.advance(30 * 60_000);
    await b.app.tick(); // not retried within the hour
    expect(b.logs.filter((l) => l.msg === "backup_failed")).toHaveLength(1);
    b.clock.advance(30 * 60_000);
    await b.app.tick(); // retried, failed again: logged, staff not told twice the same day
    expect(b.logs.filter((l) => l.msg === "backup_failed")).toHaveLength(2);
    expect(b.staff()).toEqual([]);

    rmSync(backups);
    b.clock.advance(HOUR);
    await b.app.tick();
    expect(b.copies(backups)).toHaveLength(1);
    const recovered = b.staff();
    expect(recovered).toHaveLength(1);
    expect(recovered[0]).toContain("berhasil");
    await b.app.close();
  });

  it("are off without BACKUP_DIR", async () => {
    const b = bot({});
    b.clock.advance(DAY);
    await b.app.tick();
    expect(readdirSync(dir)).toEqual(expect.not.arrayContaining(["backups"]));
    expect(b.logs.filter((l) => l.msg.startsWith("backup"))).toEqual([]);
    await b.app.close();
  });

  it("leave no half-written copy when a copy cannot be completed", async () => {
    const b = bot({});
    const target = join(dir, "taken");
    writeFileSync(join(dir, "placeholder"), "");
    mkdirSync(join(target, "inside"), { recursive: true }); // a folder where the copy should go
    await expect(backupDatabase(b.app.store.db, target)).rejects.toThrow();
    expect(readdirSync(dir).filter((n) => n.includes("partial"))).toEqual([]);
    await b.app.close();
  });
});
