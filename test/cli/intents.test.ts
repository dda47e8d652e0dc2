import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

/** Runs the command with `lines` on stdin; returns the parsed output lines. */
function intents(lines: string[], args: string[] = []): Record<string, unknown>[] {
  const result = spawnSync(
    "npm",
    ["run", "--silent", "intents", ...(args.length ? ["--", ...args] : [])],
    {
      cwd: root,
      input: `${lines.join("\n")}\n`,
      encoding: "utf8",
      env: { ...process.env, DEFAULT_LANGUAGE: "" },
      timeout: 60_000,
    },
  );
  expect(result.status, result.stderr).toBe(0);
  return result.stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("npm run --silent intents (the intents protocol)", () => {
  it("writes one JSON line per input line: text, intent (or null), score, lang", () => {
    const lines = [
      "anak saya hilang kontak di malaysia",
      "engkok terro alako ka korea, beremma carana?",
      "harga cabai hari ini",
      "",
      'kutip "aneh" \\ 🙏',
      "TOLONG saya disekap",
    ];
    const result = spawnSync("npm", ["run", "--silent", "intents"], {
      cwd: root,
      input: `${lines.join("\n")}\n`,
      encoding: "utf8",
      env: { ...process.env, DEFAULT_LANGUAGE: "" },
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(0);
    const out = result.stdout.split("\n").filter((l) => l !== "");
    expect(out).toHaveLength(lines.length);
    const parsed = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const [i, p] of parsed.entries()) {
      expect(Object.keys(p)).toEqual(["text", "intent", "score", "lang"]);
      expect(p.text).toBe(lines[i]);
      expect(typeof p.score).toBe("number");
      expect(["id", "mad"]).toContain(p.lang);
    }
    expect(parsed.map((p) => p.intent)).toEqual([
      "report",
      "legal_steps",
      null,
      null,
      null,
      "emergency",
    ]);
    expect(parsed[1]?.lang).toBe("mad");
    expect(parsed[0]?.lang).toBe("id");
  });

  it("reports the bot's whole first-message routing: global commands, danger rules, the matcher", () => {
    const lines = ["mau lapor", "halo", "bantuan", "hapus", "cek JR-7Q3K", "alapor", "sos"];
    const parsed = intents(lines);
    expect(parsed.map((p) => p.intent)).toEqual([
      "report",
      "menu",
      "help",
      "privacy",
      "case_status",
      "report",
      "emergency",
    ]);
    // A command or a danger rule is certain.
    expect(parsed.map((p) => p.score)).toEqual(lines.map(() => 1));
  });

  it("reports the matcher alone with --matcher-only, and refuses unknown arguments", () => {
    const parsed = intents(["bantuan", "harga cabai hari ini"], ["--matcher-only"]);
    expect(parsed.map((p) => p.intent)).toEqual(["menu", null]);
    const bad = spawnSync("npm", ["run", "--silent", "intents", "--", "--nope"], {
      cwd: root,
      input: "",
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--matcher-only");
  });
});
