/**
 * `npm start` stops cleanly however the signal arrives: to npm alone (what `docker stop` and
 * many process managers do), to the whole process group, as Ctrl+C, or with npm killed
 * outright. Each time a browser waiting for news is answered, the database is closed cleanly
 * (checkpointed: no `-wal` file left, integrity ok, nothing pending in the outbox), no process
 * of the group is left, within 10 s, and the exit code is the one the README states.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { groupGone, groupMembers } from "../helpers/processes.ts";
import { Browser } from "../helpers/web.ts";

const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "jr-stop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm start` running in its own process group, as a terminal or a service manager runs it. */
interface Running {
  npm: ChildProcess;
  pgid: number;
  base: string;
  db: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function npmStart(): Promise<Running> {
  const db = join(dir, `${randomUUID()}.db`);
  const npm = spawn("npm", ["start"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      LOG_LEVEL: "info",
      TELEGRAM_BOT_TOKEN: "",
      WHATSAPP_ENABLED: "false",
      HTTP_HOST: "",
      PUBLIC_URL: "",
      PORT: "0",
      DATABASE_PATH: db,
    },
  });
  let stderr = "";
  npm.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  npm.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    npm.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start printed no URL:\n${stderr}`)),
      60_000,
    );
    npm.stderr?.on("data", () => {
      const url = /Web chat: (http:\/\/127\.0\.0\.1:\d+)\/chat/.exec(stderr)?.[1];
      if (url && /Staff console: .*\n/.test(stderr)) {
        clearTimeout(timer);
        resolve(url);
      }
    });
  });
  return { npm, pgid: npm.pid as number, base, db, stderr: () => stderr, exited };
}

const ways: {
  how: string;
  send: (bot: Running) => void;
  exit: { code: number | null; signal: NodeJS.Signals | null };
  reason: string;
}[] = [
  {
    how: "SIGTERM to npm alone",
    send: (bot) => process.kill(bot.pgid, "SIGTERM"),
    exit: { code: 0, signal: null },
    reason: "SIGTERM",
  },
  {
    how: "SIGTERM to the whole process group",
    send: (bot) => process.kill(-bot.pgid, "SIGTERM"),
    exit: { code: 0, signal: null },
    reason: "SIGTERM",
  },
  {
    how: "Ctrl+C (SIGINT to the group)",
    send: (bot) => process.kill(-bot.pgid, "SIGINT"),
    exit: { code: 0, signal: null },
    reason: "SIGINT",
  },
  {
    how: "npm killed outright (SIGKILL), the bot notices",
    send: (bot) => process.kill(bot.pgid, "SIGKILL"),
    exit: { code: null, signal: "SIGKILL" },
    reason: "parent exited",
  },
];

describe.concurrent("npm start stops cleanly", () => {
  it.each(ways)(
    "$how",
    async ({ send, exit, reason }) => {
      const bot = await npmStart();
      try {
        // One node process under npm (no tsx wrapper process that could be left behind).
        const members = groupMembers(bot.pgid).filter((p) => p.command.includes("src/cli/main.ts"));
        expect(members.map((p) => p.ppid)).toEqual([bot.pgid]);

        const visitor = new Browser(bot.base);
        await visitor.get("/chat");
        expect((await visitor.post("/chat", { text: "halo", mid: randomUUID() })).status).toBe(303);
        const after = Number(/data-after="(\d+)"/.exec((await visitor.get("/chat")).text)?.[1]);
        const waiting = visitor.get(`/chat/api/messages?after=${after}`);
        await new Promise((resolve) => setTimeout(resolve, 300));

        const signalled = Date.now();
        send(bot);
        // The browser waiting for news gets an answer, not a dropped connection.
        expect((await waiting).status).toBe(200);
        expect(await bot.exited).toEqual(exit);
        expect(await groupGone(bot.pgid, 10_000)).toEqual([]);
        expect(Date.now() - signalled).toBeLessThan(10_000);
        expect(bot.stderr()).toContain(`"reason":"${reason}","msg":"stopped"`);

        // Closed cleanly: the last connection's checkpoint removed the write-ahead log.
        expect(existsSync(`${bot.db}-wal`)).toBe(false);
        const db = new Database(bot.db, { readonly: true });
        try {
          expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
          const pending = db
            .prepare("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
            .get() as { n: number };
          expect(pending.n).toBe(0);
          const messages = db.prepare("SELECT count(*) AS n FROM messages").get() as { n: number };
          expect(messages.n).toBeGreaterThan(0);
        } finally {
          db.close();
        }
      } finally {
        for (const p of groupMembers(bot.pgid)) process.kill(p.pid, "SIGKILL");
      }
    },
    120_000,
  );
});
