/**
 * `npm run chat` reads like a chat: messages wrapped at word boundaries for the terminal's
 * width, and no log lines among them (the log goes to a file next to the database; only
 * warnings and errors reach the terminal, as one readable line).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import { TerminalChannel } from "../../../src/channels/terminal/channel.ts";
import { displayWidth, wrapText } from "../../../src/channels/terminal/wrap.ts";
import { createChatLogger, readableLine } from "../../../src/log.ts";
import { quietLog, testConfig } from "../../helpers/app.ts";
import { run } from "../../helpers/run.ts";

const root = join(import.meta.dirname, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "jr-terminal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lines no wider than `width`, unless one word alone is (a web address stays whole). */
function fits(text: string, width: number): string[] {
  return text.split("\n").filter((line) => displayWidth(line) > width && /\S\s+\S/.test(line));
}

/** The words of a text, case numbers (random) made alike. */
const words = (text: string) =>
  text
    .replace(/JR-[2-9A-Z]{4,6}/g, "JR-REF")
    .split(/\s+/)
    .filter(Boolean);

/** What the terminal chat prints for `lines` typed at a terminal `columns` wide. */
async function chat(lines: string[], columns: number): Promise<string> {
  const input = new PassThrough();
  let printed = "";
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      printed += chunk.toString();
      done();
    },
  });
  const terminal = new TerminalChannel({
    input,
    output,
    interactive: false,
    columns: () => columns,
  });
  const app = createApp({
    config: testConfig(),
    log: quietLog,
    channels: [terminal],
    databasePath: ":memory:",
  });
  app.start();
  await terminal.start(app);
  input.end(`${lines.join("\n")}\n`);
  await terminal.closed;
  await app.close();
  return printed;
}

describe("terminal chat", () => {
  it("wraps at word boundaries: lines fit, words stay whole, options hang under their text", () => {
    const text =
      "Jangan bayar calo. Paspor dibuat sendiri di kantor imigrasi dengan KTP, KK dan akta lahir.\n" +
      "  1. Cara membuat paspor untuk bekerja di luar negeri secara resmi\n" +
      "Lihat https://www.example.org/sebuah/alamat/yang/sangat/panjang/sekali/untuk/dicoba ya";
    const wrapped = wrapText(text, 30);
    expect(fits(wrapped, 30)).toEqual([]);
    expect(words(wrapped)).toEqual(words(text));
    expect(wrapped).toContain("  1. Cara membuat paspor untuk\n     bekerja");
    expect(wrapped.split("\n")).toContain(
      "https://www.example.org/sebuah/alamat/yang/sangat/panjang/sekali/untuk/dicoba",
    );
    expect(wrapText("Halo 👋 apa kabar", 80)).toBe("Halo 👋 apa kabar");
    expect(displayWidth("👋è")).toBe(3);
  });

  it("a conversation at 40 columns: the same words as at full width, in lines that fit", async () => {
    const typed = ["halo", "2", "1", "petugas", "Anak saya tidak bisa dihubungi sejak bulan Juli"];
    const narrow = await chat(typed, 40);
    const wide = await chat(typed, 10_000);
    expect(fits(narrow, 40)).toEqual([]);
    expect(words(narrow)).toEqual(words(wide));
    expect(narrow.split("\n").length).toBeGreaterThan(wide.split("\n").length);
  });

  it("logs to a file and shows only warnings and errors, as one readable line", () => {
    const file = join(dir, "logger", "chat.log");
    let shown = "";
    const terminal = new Writable({
      write(chunk: Buffer, _encoding, done) {
        shown += chunk.toString();
        done();
      },
    });
    const log = createChatLogger("info", file, terminal);
    log.info({ channel: "terminal" }, "started");
    log.warn({ attempts: 3 }, "delivery_retry");
    log.error({ err: new Error("disk full") }, "final_flush_failed");
    expect(shown).toBe(
      "warning: delivery_retry (attempts=3)\nerror: final_flush_failed (err=disk full)\n",
    );
    const logged = readFileSync(file, "utf8").trim().split("\n");
    expect(logged.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      "started",
      "delivery_retry",
      "final_flush_failed",
    ]);
    expect(readableLine('{"level":40,"time":1,"msg":"x","why":"a\\nb"}')).toBe(
      "warning: x (why=a b)",
    );
  });

  it("npm run chat prints no JSON log line, fits 80 columns, and logs next to the database", async () => {
    const db = join(dir, "chat", "bot.db");
    const long =
      "Saya mau kerja di Malaysia tapi sponsor minta uang dulu lima juta, apakah itu boleh?";
    const result = await run("npm", ["run", "--silent", "chat"], {
      cwd: root,
      input: ["halo", "1", long, "petugas", long].join("\n"),
      env: {
        ...process.env,
        LOG_LEVEL: "info",
        TELEGRAM_BOT_TOKEN: "",
        WHATSAPP_ENABLED: "false",
        DATABASE_PATH: db,
      },
      timeoutMs: 90_000,
    });
    expect(result.status).toBe(0);
    const all = `${result.stdout}\n${result.stderr}`.split("\n");
    expect(all.filter((line) => line.trim().startsWith("{"))).toEqual([]);
    expect(fits(result.stdout, 80)).toEqual([]);
    expect(result.stdout).toContain("Jalur Resmi");
    expect(result.stderr).toContain(`Log: ${join(dir, "chat", "chat.log")}`);
    const logged = readFileSync(join(dir, "chat", "chat.log"), "utf8");
    expect(logged).toContain('"msg":"stopped"');
  }, 120_000);
});
