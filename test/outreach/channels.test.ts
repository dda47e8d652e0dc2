/**
 * An entry code arriving through each real channel — Telegram (real grammY against the fake Bot
 * API, a `/start <code>` deep link), WhatsApp (the Baileys channel on a fake socket, the
 * pre-filled first message), the web chat (over HTTP, `/chat?src=<code>`): the person is greeted
 * (the code is never answered as a question), the source counts them once, a second visit does
 * not count again, and erasing their data removes the link while the count stays.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.ts";
import { METRIC } from "../../src/outreach/tracker.ts";
import { FakeBotApi, type Sent } from "../helpers/fake-bot-api.ts";
import { incoming } from "../helpers/fake-whatsapp.ts";
import { eventually, startTelegramBot, tempDatabase } from "../helpers/telegram.ts";
import { Browser, type WebBot, webBot } from "../helpers/web.ts";
import { type WhatsAppBot, whatsappBot } from "../helpers/whatsapp-bot.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const done of cleanups.splice(0).reverse()) await done();
});

/** A source the office made for an event. */
function eventSource(app: App, code: string, lang: "id" | "mad" = "id") {
  return app.store.sources.create(
    {
      code,
      name: "Sosialisasi Pendopo 12 Jan",
      kind: "event",
      place: "Pamekasan",
      heldOn: "2027-01-12",
      lang,
      createdBy: "test",
    },
    0,
  );
}

/** The source's new users, all weeks together. */
function newUsers(app: App, code: string): number {
  const id = app.store.sources.byCode(code)?.id;
  return app.store.sources
    .counts()
    .filter((c) => c.sourceId === id && c.metric === METRIC.newUsers)
    .reduce((sum, c) => sum + c.n, 0);
}

/** How many people are linked to a source right now. */
const links = (app: App) => app.store.db.prepare("SELECT count(*) FROM user_sources").pluck().get();

/** The signs of "not understood": the code must never get them. */
const NOT_UNDERSTOOD = /belum mengerti|ta' ngartè|maksud Anda|maksod panjhennengngan/i;

describe("an entry code through each channel", () => {
  it("Telegram: a /start deep link with the code greets, counts once, and erase removes the link", async () => {
    const fake = await FakeBotApi.start();
    const db = tempDatabase();
    const bot = await startTelegramBot(fake, { databasePath: db.path });
    cleanups.push(async () => {
      await bot.stop();
      await fake.close();
      db.cleanup();
    });
    const { app } = bot;
    eventSource(app, "K7Q3", "mad");
    const chat = 3001;
    const text = (m: Sent) => m.text ?? "";

    // The poster's Telegram QR code opens t.me/<bot>?start=K7Q3: Telegram sends "/start K7Q3".
    fake.userText(chat, "/start K7Q3", { lang: "id" });
    const greeting = await fake.waitForSent(chat, 2);
    // The source starts in Madurese, whatever the phone's language.
    expect(text(greeting[0] as Sent)).toContain("Ka'dinto Jalur Resmi");
    expect(greeting.map(text).join("\n")).not.toMatch(NOT_UNDERSTOOD);
    expect(greeting.map(text).join("\n")).not.toContain("K7Q3");
    expect(greeting.at(-1)?.replyMarkup?.inline_keyboard.length).toBeGreaterThan(5);
    await eventually(() => newUsers(app, "K7Q3") === 1);

    // Scanning the poster again the next day: greeted again, not counted again.
    const since = fake.sent.length;
    fake.userText(chat, "/start K7Q3");
    await fake.waitForSent(chat, 2, since);
    expect(newUsers(app, "K7Q3")).toBe(1);
    // Today's flow deep links still work.
    const before = fake.sent.length;
    fake.userText(chat, "/start contacts");
    const contacts = await fake.waitForSent(chat, 1, before);
    expect(contacts.map(text).join("\n")).toMatch(/kontak|nomer/i);

    const erase = fake.sent.length;
    fake.userText(chat, "hapus");
    await fake.waitForSent(chat, 1, erase);
    const confirm = fake.sent.length;
    fake.userText(chat, "ya");
    await fake.waitForSent(chat, 1, confirm);
    await eventually(() => links(app) === 0);
    expect(newUsers(app, "K7Q3")).toBe(1);
  });

  it("WhatsApp: the pre-filled first message carries the code; greeted, counted once, erase removes the link", async () => {
    const bot: WhatsAppBot = await whatsappBot();
    cleanups.push(() => bot.close());
    const { app } = bot;
    eventSource(app, "W4HA");
    const jid = "6281298765432@s.whatsapp.net";
    const say = async (text: string) => {
      const before = bot.sock.sent.length;
      bot.clock.advance(1_000);
      bot.sock.upsert([incoming({ from: jid, text })]);
      await bot.settle();
      return bot.sock.texts().slice(before).join("\n");
    };
    // wa.me/<number>?text=Halo%20%23W4HA: the person taps Send on the text WhatsApp filled in.
    const greeting = await say("Halo #W4HA");
    expect(greeting).toContain("Jalur Resmi");
    expect(greeting).toMatch(/\n1\. .+\n2\. /);
    expect(greeting).not.toMatch(NOT_UNDERSTOOD);
    expect(greeting).not.toContain("W4HA");
    expect(newUsers(app, "W4HA")).toBe(1);

    const again = await say("Halo #W4HA");
    expect(again).toContain("Jalur Resmi");
    expect(newUsers(app, "W4HA")).toBe(1);

    await say("hapus");
    expect(await say("ya")).toContain("dihapus");
    expect(links(app)).toBe(0);
    expect(newUsers(app, "W4HA")).toBe(1);
  });

  it("web chat: /chat?src=<code> is counted with the first message, once, and erase removes the link", async () => {
    const bot: WebBot = await webBot();
    cleanups.push(() => bot.close());
    const { app } = bot;
    eventSource(app, "W3BX");
    const visitor = new Browser(bot.url);
    const send = async (text: string) => {
      const sent = await visitor.post("/chat", { text, mid: randomUUID() });
      expect(sent.status).toBe(303);
      return (await visitor.get("/chat")).text;
    };
    // Opening the page counts nobody: a link preview or a crawler is not a person.
    await visitor.get("/chat?src=W3BX&lang=id");
    await new Browser(bot.url).get("/chat?src=W3BX");
    expect(newUsers(app, "W3BX")).toBe(0);

    const page = await send("halo");
    expect(page).toContain("Jalur Resmi");
    expect(page).not.toMatch(NOT_UNDERSTOOD);
    expect(newUsers(app, "W3BX")).toBe(1);

    // Back on the poster's link later: the same visitor, not counted again.
    await visitor.get("/chat?src=W3BX&lang=id");
    await send("halo");
    expect(newUsers(app, "W3BX")).toBe(1);

    await send("hapus");
    expect(await send("ya")).toContain("dihapus");
    expect(links(app)).toBe(0);
    expect(newUsers(app, "W3BX")).toBe(1);
  });
});
