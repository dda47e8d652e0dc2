import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "jr-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], input: string, env: Record<string, string> = {}) =>
  spawnSync(args[0] as string, args.slice(1), {
    cwd: root,
    input,
    encoding: "utf8",
    env: {
      ...process.env,
      LOG_LEVEL: "silent",
      TELEGRAM_BOT_TOKEN: "",
      WHATSAPP_ENABLED: "false",
      ...env,
    },
    timeout: 60_000,
  });

describe("command line", { timeout: 60_000 }, () => {
  it("simulate: one JSON line per input line, the first offering the menu", () => {
    const input = `${[
      JSON.stringify({ from: "user:a", text: "halo" }),
      "",
      "not json",
      JSON.stringify({ from: "user:b", text: "halo" }),
    ].join("\n")}\n`;
    const result = run(["npm", "run", "--silent", "simulate"], input);
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { out: { to: string; options?: unknown[] }[]; error?: string });
    expect(lines).toHaveLength(3);
    expect(lines[0]?.out.some((m) => m.to === "user:a" && (m.options?.length ?? 0) > 0)).toBe(true);
    expect(lines[1]?.error).toBe("invalid JSON");
    expect(lines[2]?.out[0]?.to).toBe("user:b");
  });

  it("simulate --lang mad starts new users in Madurese and --db keeps the database", () => {
    const db = join(dir, "sim.db");
    const result = run(
      ["npm", "run", "--silent", "simulate", "--", "--db", db, "--lang", "mad"],
      `${JSON.stringify({ from: "user:a", text: "halo" })}\n`,
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Ka'dinto Jalur Resmi");
    expect(statSync(db).mode & 0o777).toBe(0o600);
  });

  it("chat: chats in the terminal and exits 0 when stdin closes", () => {
    const db = join(dir, "chat.db");
    const result = run(["npm", "run", "chat", "--silent"], "halo\n1\n", { DATABASE_PATH: db });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Jalur Resmi");
    expect(result.stdout).toContain("1. ");
    expect(result.stderr).toContain("Telegram: off (set TELEGRAM_BOT_TOKEN");
    expect(result.stderr).toContain("WhatsApp: off (set WHATSAPP_ENABLED=true");
  });

  it("start: with no channel configured, serves the web chat and console on this machine until SIGTERM, then exits 0", async () => {
    // What `npm start` runs, started directly: npm itself dies by the signal it forwards.
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe("exec node --import tsx src/cli/main.ts");
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a failed test can stop it and anything it started.
      detached: true,
      env: {
        ...process.env,
        LOG_LEVEL: "silent",
        TELEGRAM_BOT_TOKEN: "",
        WHATSAPP_ENABLED: "false",
        HTTP_HOST: "",
        PUBLIC_URL: "",
        PORT: "0",
        DATABASE_PATH: join(dir, "server.db"),
      },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${stderr}`)), 30_000);
        child.stderr.on("data", () => {
          // Both lines, which may arrive in separate chunks.
          const m = /Web chat: (http:\/\/127\.0\.0\.1:\d+)\/chat/.exec(stderr);
          if (m && /Staff console: .*\n/.test(stderr)) {
            clearTimeout(timer);
            resolve(m[1] as string);
          }
        });
      });
      expect(stderr).toMatch(/Staff console: http:\/\/127\.0\.0\.1:\d+\/console/);
      expect(stderr).toContain("npm run console:link");
      const page = await fetch(`${base}/chat`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<form");
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/console`)).status).toBe(401);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        process.kill(-child.pid, "SIGKILL");
      }
    }
  }, 60_000);

  it("cases:export: refuses a missing date and writes CSV for a period", () => {
    const bad = run(["npm", "run", "--silent", "cases:export"], "");
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe("--since: expected a date such as 2026-01-01");
    const db = join(dir, "export.db");
    run(
      ["npm", "run", "--silent", "simulate", "--", "--db", db],
      ["halo", "petugas", "Pertanyaan soal paspor"]
        .map((text) => JSON.stringify({ from: "user:a", text }))
        .join("\n"),
    );
    const out = run(
      ["npm", "run", "--silent", "cases:export", "--", "--since", "2020-01-01", "--db", db],
      "",
    );
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split("\r\n");
    expect(lines[0]).toBe(
      "ref,created_at,kind,category,priority,status,country,channel,language,first_response_at,resolved_at,assignee,office",
    );
    expect(lines[1]).toMatch(/^JR-[2-9A-Z]{4},\d{4}-.*,question,question,normal,new,,sim,id,,,,$/);
  });

  it("start: a bad setting stops start-up with one line naming it", () => {
    const result = run(["npm", "start", "--silent"], "", { DEFAULT_LANGUAGE: "english" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("Configuration error: DEFAULT_LANGUAGE: expected id or mad");
  });
});
