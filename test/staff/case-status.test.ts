import { afterEach, describe, expect, it } from "vitest";
import { type TestBot, testBot } from "../helpers/app.ts";

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.app.close();
  bot = undefined;
});

async function say(from: string, text: string): Promise<string> {
  const out = await (bot as TestBot).sim.line(JSON.stringify({ from, text }));
  return out.out
    .filter((m) => m.to === from)
    .map((m) => m.text)
    .join("\n");
}

describe("cek <reference>", () => {
  it("shows the reporter's own case, and tells anyone else it is not theirs", async () => {
    bot = testBot();
    await say("user:a", "halo");
    await say("user:a", "petugas");
    const sent = await say("user:a", "Apakah ada lowongan resmi ke Taiwan?");
    const ref = /JR-[2-9A-HJ-NP-Z]{4,6}/.exec(sent)?.[0] as string;
    expect(ref).toBeDefined();
    // While that case is open, "petugas" opens no second one; once it is closed, it does.
    expect(await say("user:a", "petugas")).toContain(`Laporan Anda ${ref} sudah diteruskan`);
    await say("staff:s1", `/tutup ${ref}`);
    await say("user:a", "petugas");
    await say("user:a", "Pertanyaan kedua");

    const own = await say("user:a", `cek ${ref.toLowerCase().replace("-", "")}`);
    expect(own).toContain(ref);
    expect(own).toContain("ditutup");
    expect(own.match(/JR-/g)).toHaveLength(1);

    const all = await say("user:a", "status laporan");
    expect(all.match(/- JR-/g)).toHaveLength(2);

    await say("user:b", "halo");
    const other = await say("user:b", `cek ${ref}`);
    expect(other).toContain(`Laporan ${ref} tidak ada`);
    expect(other).not.toContain("menunggu petugas");
  });
});
