import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

describe("npm run --silent intents (README: intent matcher protocol)", () => {
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
});
