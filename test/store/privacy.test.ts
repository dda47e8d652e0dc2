import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { Simulator, SimulatorChannel } from "../../src/channels/simulator/channel.ts";
import { createLogger } from "../../src/log.ts";
import { FakeClock, seeded, testConfig } from "../helpers/app.ts";

const SECRETS = [
  "081234567890",
  "6281234567890",
  "Siti Aminah",
  "Desa Larangan Tokol",
  "gaji tidak dibayar lima bulan",
];

describe("privacy of logs", () => {
  it("a full scenario at the most verbose level logs no message text and no phone number", async () => {
    const lines: string[] = [];
    const log = createLogger("trace", { write: (line: string) => lines.push(line) });
    const clock = new FakeClock();
    const channel = new SimulatorChannel();
    const app = createApp({
      config: testConfig({ LOG_LEVEL: "trace", FLOOD_MAX_MESSAGES: "8" }),
      log,
      channels: [channel],
      clock: clock.now,
      random: seeded(3),
      databasePath: ":memory:",
    });
    await channel.start(app);
    const sim = new Simulator(channel);
    const say = (from: string, text: string, replyTo?: string) =>
      sim.line(JSON.stringify({ from, text, ...(replyTo ? { replyTo } : {}) }));
    await say("user:6281234567890", "halo");
    await say("user:6281234567890", "petugas");
    const opened = await say(
      "user:6281234567890",
      `Saya Siti Aminah dari Desa Larangan Tokol, 081234567890, gaji tidak dibayar lima bulan`,
    );
    const card = opened.out.find((m) => m.to === "staff");
    await say("staff:s1", "Baik Bu Siti Aminah, kami telepon 081234567890", card?.ref);
    await say("user:6281234567890", "Terima kasih, Siti Aminah");
    for (let i = 0; i < 12; i++) await say("user:628999", `spam 081234567890 ${i}`);
    await say("user:6281234567890", "hapus");
    await say("user:6281234567890", "ya");
    await say("staff:s1", "/kasus");
    await app.close();

    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join("\n");
    for (const secret of SECRETS) expect(all, `logs contain "${secret}"`).not.toContain(secret);
    expect(all).toContain("case_opened");
    expect(all).toContain("flood_throttled");
  });
});
