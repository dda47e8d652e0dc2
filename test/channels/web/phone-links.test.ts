import { afterEach, describe, expect, it } from "vitest";
import { linkedText, telOf } from "../../../src/channels/web/links.ts";
import { Browser, hidden, type WebBot, webBot } from "../../helpers/web.ts";

let bot: WebBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe("phone numbers in the web chat", () => {
  it("become tel: links — international, long and named short numbers — and nothing else", () => {
    const html = linkedText(
      "Nomor darurat: 999\n- KBRI: +60 17-668 8032\npolisi 110; SAPA 129; 0800-1000. Setelah 365 hari, jam 08.00–16.00, Rp9.622.000, cek JR-7Q3K, 2026-11-27 <b>",
    ).value;
    expect(html).toContain('<a href="tel:999">999</a>');
    expect(html).toContain('<a href="tel:+60176688032">+60 17-668 8032</a>');
    expect(html).toContain('<a href="tel:110">110</a>');
    expect(html).toContain('<a href="tel:129">129</a>');
    expect(html).toContain('<a href="tel:08001000">0800-1000</a>');
    for (const text of [
      "365 hari",
      "08.00–16.00",
      "Rp9.622.000",
      "JR-7Q3K",
      "2026-11-27",
      "&lt;b&gt;",
    ])
      expect(html).toContain(text);
    expect(html.match(/<a /g)).toHaveLength(5);
    expect(telOf("+852 6773 0466")).toBe("+85267730466");
  });

  it("are tappable on the chat page for a person in danger (no JavaScript)", async () => {
    bot = await webBot();
    const visitor = new Browser(bot.url);
    const first = await visitor.get("/chat");
    const mid = hidden(first.text, "mid") as string;
    await visitor.post("/chat", { text: "tolong saya disekap majikan di johor", mid });
    const page = (await visitor.get("/chat")).text;
    expect(page).toContain('<a href="tel:999">999</a>');
    expect(page).toContain('<a href="tel:+60176688032">+60 17-668 8032</a>');
    // What the visitor typed is never turned into markup.
    expect(page).not.toMatch(/<li class="in"[^>]*>.*<a href/);
  });

  it("are linked by the page's script too", async () => {
    bot = await webBot();
    const script = (await new Browser(bot.url).get("/chat/chat.js")).text;
    expect(script).toContain('"tel:"');
    // The pattern in the script is the server's, and valid JavaScript for old phone browsers
    // (no look-behind).
    const source = /var LINKS = new RegExp\(("(?:[^"\\]|\\.)*")/.exec(script)?.[1] as string;
    expect(JSON.parse(source)).not.toContain("(?<");
    expect(() => new RegExp(JSON.parse(source), "g")).not.toThrow();
  });
});
