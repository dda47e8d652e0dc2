import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SimMessage } from "../../src/channels/simulator/protocol.ts";
import { type TestBot, testBot } from "../helpers/app.ts";

const root = join(import.meta.dirname, "..", "..");

/** Runs the JSON-lines simulator (the README's simulator protocol) as a process, one fresh user per line. */
function simulate(texts: string[]): SimMessage[][] {
  const input = `${texts.map((text, i) => JSON.stringify({ from: `user:u${i}`, text })).join("\n")}\n`;
  const result = spawnSync("npm", ["run", "--silent", "simulate"], {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "silent", TELEGRAM_BOT_TOKEN: "", WHATSAPP_ENABLED: "false" },
    timeout: 60_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { out: SimMessage[] }).out.filter((m) => m.to !== "staff"));
}

/** 110 (and SAPA 129) work only in Indonesia: every message that names 110 must say so. */
function saysIndonesiaWith110(message: SimMessage): boolean {
  if (!/(^|[^\d+])110(?!\d)/.test(message.text)) return true;
  return /(^|\s)(di|è|e) Indonesia\b/i.test(message.text);
}

describe("a person in danger abroad: the first message holds the local numbers", () => {
  it("through the simulator, in Indonesian and in Madurese (Johor)", { timeout: 60_000 }, () => {
    const [id, mad] = simulate([
      "tolong saya disekap majikan di johor",
      "tolong kaula èkonci' majikan è johor",
    ]);
    for (const out of [id, mad]) {
      const first = out?.[0]?.text ?? "";
      // Malaysia's emergency number, and a hotline that works from Malaysia (+60, or Kemlu's).
      expect(first).toContain("999");
      expect(first).toContain("+60 17-668 8032");
      expect(first).toContain("+62 812 9007 0027");
      // No greeting before the numbers.
      expect(first).not.toContain("Assalamu");
      for (const message of out ?? [])
        expect(saysIndonesiaWith110(message), message.text).toBe(true);
    }
    expect(id?.[0]?.text).toContain("Jika di Indonesia: polisi 110");
    expect(mad?.[0]?.text).toContain("Manabi è Indonesia: polisi 110");
    expect(mad?.[0]?.text).toContain("Bhântowan è Malaysia");
  });
});

describe("no message of a danger turn tells anyone to call 110 without 'in Indonesia'", {
  timeout: 60_000,
}, () => {
  const bots: TestBot[] = [];
  afterAll(() => {
    for (const bot of bots) bot.app.close();
  });

  const first = [
    "tolong saya disekap majikan",
    "tolong anak saya dipukul majikan di malaysia",
    "tolong istri saya disiksa di arab",
    "tolong suami saya ditangkap polisi di taiwan",
    "tolong adik saya dikurung majikan di jepang",
    "darurat tolong saya di qatar",
    "saya mau bunuh diri",
    "tolong kaula èpokol majikan è malaysia",
    "tolong ana' kaula èsèksa è arab",
  ];
  for (const [lang, texts] of [
    ["id", first],
    ["mad", first],
  ] as const) {
    it(`as a first message, then through every answer (${lang})`, async () => {
      const bot = testBot({ lang });
      bots.push(bot);
      for (const [i, text] of texts.entries()) {
        const from = `user:${lang}${i}`;
        const turns = [text, "1", "ya", "saya di rumah majikan", "1", "lewati"];
        for (const input of turns) {
          const output = await bot.sim.line(JSON.stringify({ from, text: input }));
          for (const message of output.out.filter((m) => m.to === from))
            expect(saysIndonesiaWith110(message), `${text} → ${input}: ${message.text}`).toBe(true);
        }
      }
    });
  }
});
