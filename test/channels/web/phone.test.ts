/**
 * The web chat as a phone user meets it: one language switch for the page and the bot, taps
 * that never count as flooding, numbers to call with one tap, and a page that forgets at once
 * what `hapus` erased.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { linkedText, linkParts } from "../../../src/channels/web/links.ts";
import { latestStart } from "../../../src/channels/web/page.ts";
import type { TranscriptEntry } from "../../../src/channels/web/ports.ts";
import { Browser, hidden, type WebBot, webBot } from "../../helpers/web.ts";

let bot: WebBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

interface Poll {
  entries: { id: number; direction: string; message: { text: string } }[];
  oldest: number | null;
}

describe("links in bot messages", () => {
  it("turns phone numbers into tel: links, leaves amounts and ages alone, keeps references whole", () => {
    const text =
      "Telepon 999 (Malaysia) atau KBRI +60 3-2116 4016. Di Indonesia: 110, SAPA 129 / 08111-129-129. Umur 18 tahun, Rp 100.000, tahun 2017. Laporan JR-7Q3K.";
    const parts = linkParts(text);
    expect(parts.filter((p) => p.kind === "tel").map((p) => p.kind === "tel" && p.tel)).toEqual([
      "999",
      "+60321164016",
      "110",
      "129",
      "08111129129",
    ]);
    expect(parts.filter((p) => p.kind === "ref").map((p) => p.text)).toEqual(["JR-7Q3K"]);
    // Everything else stays text, and the text is escaped.
    expect(parts.map((p) => p.text).join("")).toBe(text);
    expect(linkedText("<b>999</b>").value).toBe('&lt;b&gt;<a href="tel:999">999</a>&lt;/b&gt;');
  });

  it("marks where the newest answer begins: the first of the bot's last messages", () => {
    const e = (id: number, direction: "in" | "out"): TranscriptEntry => ({
      id,
      direction,
      message: { text: String(id) },
      createdAt: 0,
    });
    expect(latestStart([])).toBeUndefined();
    expect(latestStart([e(1, "out"), e(2, "in"), e(3, "out"), e(4, "out")])).toBe(3);
    expect(latestStart([e(1, "out"), e(2, "in")])).toBe(2);
  });
});

describe("web chat on a phone", () => {
  it("renders numbers as tel: links and the newest answer as the place to start reading", async () => {
    bot = await webBot();
    const visitor = new Browser(bot.url);
    await visitor.get("/chat");
    await visitor.post("/chat", { text: "darurat", mid: randomUUID() });
    const page = (await visitor.get("/chat")).text;
    expect(page).toMatch(/<a href="tel:\+?\d+">/);
    expect(page.match(/id="latest"/g)).toHaveLength(1);
    // The refresh link (no JavaScript) lands on the newest answer too.
    expect(page).toContain('href="/chat#latest"');
  });

  it("switches the page and the bot with one control, in both directions", async () => {
    bot = await webBot();
    const visitor = new Browser(bot.url);
    await visitor.get("/chat");
    await visitor.post("/chat", { text: "halo", mid: randomUUID() });
    const switched = await visitor.post("/chat/bahasa", { to: "mad" });
    expect(switched.status).toBe(303);
    const mad = (await visitor.get("/chat")).text;
    expect(mad).toContain('<html lang="mad">');
    expect(mad).toContain('value="mad" lang="mad" aria-pressed="true"');
    // The bot says it now speaks Madurese, and its next answers are Madurese.
    expect(mad).toContain("samangkèn kaulâ ngangghuy Bhâsa Madhurâ");
    await visitor.post("/chat", { text: "menu", mid: randomUUID() });
    expect((await visitor.get("/chat")).text).toContain("Ka&#39;dinto Jalur Resmi");
    const lang = bot.app.store.db.prepare("SELECT lang FROM users").pluck().all();
    expect(lang).toEqual(["mad"]);

    await visitor.post("/chat/bahasa", { to: "id" });
    const id = (await visitor.get("/chat")).text;
    expect(id).toContain('<html lang="id">');
    expect(id).toContain("Baik, kita pakai Bahasa Indonesia.");
    // A switch from another site is refused.
    const cross = await visitor.post("/chat/bahasa", { to: "mad" }, { origin: "https://x.test" });
    expect(cross.status).toBe(403);
  });

  it("does not count taps on options as typed messages", async () => {
    bot = await webBot({ WEB_CHAT_MAX_PER_MINUTE: "3" });
    const visitor = new Browser(bot.url);
    await visitor.get("/chat");
    for (let i = 0; i < 3; i++)
      expect((await visitor.post("/chat", { text: "menu", mid: randomUUID() })).status).toBe(303);
    // Typed messages are used up; tapping through menus still works.
    for (let i = 0; i < 6; i++) {
      const page = (await visitor.get("/chat")).text;
      const prompt = hidden(page, "prompt") as string;
      const choice = i % 2 === 0 ? "costs" : "menu";
      const tapped = await visitor.post("/chat", { choice, prompt, mid: randomUUID() });
      expect(tapped.status, `tap ${i}`).toBe(303);
    }
    expect((await visitor.post("/chat", { text: "lagi", mid: randomUUID() })).status).toBe(429);
  });

  it("tells a waiting page that the conversation was erased, so it clears at once", async () => {
    bot = await webBot();
    const visitor = new Browser(bot.url);
    await visitor.get("/chat");
    await visitor.post("/chat", { text: "anak saya hilang kontak", mid: randomUUID() });
    const before = JSON.parse(
      (await visitor.get("/chat/api/messages?after=0&wait=0")).text,
    ) as Poll;
    const seen = before.entries.at(-1)?.id ?? 0;
    expect(before.oldest).toBe(before.entries[0]?.id);
    await visitor.post("/chat", { text: "hapus", mid: randomUUID() });
    await visitor.post("/chat", { text: "ya", mid: randomUUID() });
    const after = JSON.parse(
      (await visitor.get(`/chat/api/messages?after=${seen}&wait=0`)).text,
    ) as Poll;
    // Everything the page showed before is older than what the server still holds.
    expect(after.oldest).toBeGreaterThan(seen);
    const page = (await visitor.get("/chat")).text;
    expect(page).not.toContain("hilang kontak");
  });
});
