import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const worker = join(root, "test/fixtures/scripts/load-worker.ts");
const USERS = 120;
const STEPS = 8;

const lines = (file: string) =>
  existsSync(file) ? readFileSync(file, "utf8").split("\n").length - 1 : 0;

/**
 * Runs the worker; with `killAt`, kills it with SIGKILL as soon as the delivered log has grown
 * past that many lines (so the kill lands while it is working, wherever that is).
 */
function runWorker(args: string[], killAt?: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker, ...args], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    const log = args[1] as string;
    const timer =
      killAt === undefined
        ? undefined
        : setInterval(() => {
            if (lines(log) >= killAt) child.kill("SIGKILL");
          }, 2);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (timer) clearInterval(timer);
      if (code && code !== 0) reject(new Error(`worker failed (${code}): ${stderr}`));
      else resolve(signal);
    });
  });
}

describe("crash safety", () => {
  it("after SIGKILLs at random points under load, every message is handled once, every reply delivered, no case lost", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jr-crash-"));
    try {
      const db = join(dir, "bot.db");
      const delivered = join(dir, "delivered.log");
      const done = join(dir, "done");
      const args = [db, delivered, done, String(USERS)];
      let kills = 0;
      // About 13 replies per user: kill at random points spread over the whole load.
      const total = USERS * 13;
      for (const fraction of [0.1, 0.35, 0.6, 0.85]) {
        const killAt = Math.floor(total * (fraction + Math.random() * 0.1));
        const signal = await runWorker(args, killAt);
        if (signal === "SIGKILL") kills++;
      }
      await runWorker(args);
      expect(existsSync(done)).toBe(true);
      expect(kills).toBeGreaterThanOrEqual(3);

      const check = new Database(db, { readonly: true });
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(check.prepare("SELECT count(*) FROM inbound").pluck().get()).toBe(USERS * STEPS);
      const perUser = check
        .prepare(
          "SELECT u.address, count(*) AS n FROM messages m JOIN users u ON u.id = m.user_id WHERE m.direction = 'in' GROUP BY u.address",
        )
        .all() as { address: string; n: number }[];
      expect(perUser).toHaveLength(USERS);
      expect(perUser.every((r) => r.n === STEPS)).toBe(true);
      expect(check.prepare("SELECT count(*) FROM cases").pluck().get()).toBe(USERS);
      expect(check.prepare("SELECT count(*) FROM outbox WHERE sent_at IS NULL").pluck().get()).toBe(
        0,
      );
      const ids = check.prepare("SELECT id FROM outbox").pluck().all() as number[];
      const seen = new Set(readFileSync(delivered, "utf8").trim().split("\n").map(Number));
      expect(ids.filter((id) => !seen.has(id))).toEqual([]);
      check.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Five worker processes each load the content; on a machine loaded 7× over its cores this
    // took up to 160 s. The limit catches a hung worker, not a slow one.
  }, 240_000);
});
