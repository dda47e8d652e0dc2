/**
 * The real program (`tsx src/cli/main.ts`, what `npm start` runs) on Telegram against the fake Bot
 * API: it answers, and SIGTERM stops it gracefully with exit code 0 and nothing lost.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../../src/app.ts";
import { FakeBotApi } from "../../helpers/fake-bot-api.ts";
import { tempDatabase } from "../../helpers/telegram.ts";

let fake: FakeBotApi;
let db: ReturnType<typeof tempDatabase>;
let child: ChildProcess | undefined;

beforeEach(async () => {
  fake = await FakeBotApi.start();
  db = tempDatabase();
});

afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await fake.close();
  db.cleanup();
});

function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) resolve(proc.exitCode);
    else proc.once("exit", (code) => resolve(code));
  });
}

describe("npm start with Telegram", () => {
  it("answers over Telegram and exits 0 on SIGTERM, finishing what it started", async () => {
    let stderr = "";
    const proc = spawn(
      join(PROJECT_ROOT, "node_modules", ".bin", "tsx"),
      [join(PROJECT_ROOT, "src", "cli", "main.ts")],
      {
        // A directory without a .env file, so only these variables count.
        cwd: db.dir,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TELEGRAM_BOT_TOKEN: fake.token,
          TELEGRAM_API_ROOT: fake.url,
          DATABASE_PATH: db.path,
          PORT: "0",
          HTTP_HOST: "127.0.0.1",
          LOG_LEVEL: "info",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child = proc;
    proc.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = exited(proc);

    await fake.waitFor(() => fake.callsOf("getUpdates").length > 0, 20_000, "polling to start");
    expect(stderr).toContain("Telegram: on (long polling)");
    fake.userText(5001, "halo");
    await fake.waitForSent(5001, 2, 0, 10_000);

    // A message arrives and SIGTERM follows at once: it is either answered before the exit,
    // or left unconfirmed at Telegram for the next start — never lost.
    const since = fake.sent.length;
    fake.userText(5001, "1");
    proc.kill("SIGTERM");
    expect(await code).toBe(0);
    expect(stderr).toContain('"msg":"stopped"');
    const answered = fake.sentTo(5001, since).length > 0;
    expect(answered || !fake.drained).toBe(true);

    // The database was closed cleanly: everything queued was delivered.
    const file = new Database(db.path, { readonly: true });
    const pending = file
      .prepare("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
      .get() as { n: number };
    file.close();
    expect(pending.n).toBe(0);
  }, 40_000);
});
