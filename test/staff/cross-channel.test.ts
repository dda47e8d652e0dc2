/**
 * The staff desk across both real adapters: a WhatsApp reporter answered by staff in the
 * Telegram group (through real grammY and a fake Bot API), and a Telegram reporter answered by
 * staff in the WhatsApp group (through the real Baileys adapter on a fake socket).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp, loadCheckedContent } from "../../src/app.ts";
import type { TelegramChannel } from "../../src/channels/telegram/channel.ts";
import { telegramFromConfig } from "../../src/channels/telegram/from-config.ts";
import { NO_LIMITS } from "../../src/channels/telegram/throttle.ts";
import { WhatsAppChannel } from "../../src/channels/whatsapp/channel.ts";
import { translatorFor } from "../../src/content.ts";
import { openDatabase } from "../../src/store/db.ts";
import { Store } from "../../src/store/store.ts";
import { quietLog, seeded, testConfig } from "../helpers/app.ts";
import { FakeBotApi } from "../helpers/fake-bot-api.ts";
import { FakeWaFactory, incoming } from "../helpers/fake-whatsapp.ts";
import { eventually, FAST_POLICY } from "../helpers/telegram.ts";

const TG_STAFF_CHAT = -1001234567890;
const TG_STAFF_MEMBER = 4242;
const WA_STAFF_GROUP = "120363000000000001@g.us";
const WA_STAFF_MEMBER = "6281200000009";
const WA_REPORTER = "6281234567890@s.whatsapp.net";
const TG_REPORTER = 5005;

let fake: FakeBotApi;
let app: App;
let telegram: TelegramChannel;
let factory: FakeWaFactory;
let dir: string;

beforeAll(async () => {
  fake = await FakeBotApi.start();
  dir = mkdtempSync(join(tmpdir(), "jr-cross-"));
  const content = loadCheckedContent();
  const config = testConfig({
    DATABASE_PATH: join(dir, "bot.db"),
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    STAFF_TELEGRAM_CHAT_ID: String(TG_STAFF_CHAT),
    STAFF_TELEGRAM_IDS: String(TG_STAFF_MEMBER),
    WHATSAPP_ENABLED: "true",
    STAFF_WHATSAPP_GROUP: WA_STAFF_GROUP,
    STAFF_WHATSAPP_NUMBERS: WA_STAFF_MEMBER,
  });
  const tg = telegramFromConfig(
    config,
    { log: quietLog, t: translatorFor(content) },
    { limits: NO_LIMITS },
  );
  if (!tg) throw new Error("Telegram should be on");
  telegram = tg;
  // As main.ts builds it: the database first, then the channels, then the app.
  const store = new Store(openDatabase(config.DATABASE_PATH));
  factory = new FakeWaFactory();
  const whatsapp = new WhatsAppChannel({
    store: store.whatsapp,
    factory: factory.create,
    log: quietLog,
    notify: () => {},
    staffGroup: WA_STAFF_GROUP,
    qrPath: join(dir, "qr.png"),
    qrInTerminal: false,
    media: { dir: join(dir, "media"), maxBytes: 1024 * 1024, timeoutMs: 5_000 },
    timing: { now: Date.now, sleep: async () => undefined, random: seeded(7) },
    backoff: { baseMs: 1, maxMs: 2 },
  });
  app = createApp({
    config,
    log: quietLog,
    channels: [telegram, whatsapp],
    content,
    store,
    policy: FAST_POLICY,
    random: seeded(11),
  });
  app.start();
  await telegram.start(app);
  await whatsapp.start(app);
  factory.last.open();
});

afterAll(async () => {
  await app.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const waTexts = (jid: string) => factory.last.texts(jid);
const newestCase = () =>
  app.store.db.prepare("SELECT ref FROM cases ORDER BY id DESC").pluck().get() as string;

describe("staff across channels", () => {
  it("a WhatsApp reporter is answered by staff in the Telegram group, and back", async () => {
    for (const text of ["halo", "petugas", "Anak saya di Johor tidak bisa dihubungi"]) {
      factory.last.upsert([incoming({ from: WA_REPORTER, text })]);
      await eventually(() =>
        waTexts(WA_REPORTER).some((t) =>
          t.includes(text === "halo" ? "Jalur Resmi" : text === "petugas" ? "pertanyaan" : "JR-"),
        ),
      );
    }
    const ref = newestCase();
    // The card reaches the Telegram staff group, without the reporter's number.
    const card = await eventually(() =>
      fake.sentTo(TG_STAFF_CHAT).find((m) => (m.text ?? "").includes(ref)),
    );
    expect(card.text).not.toContain("6281234567890");
    expect(JSON.stringify(card.replyMarkup)).toContain(`ambil ${ref}`);

    // A staff member replies to the card in Telegram: the reporter gets it on WhatsApp.
    fake.groupMessage(
      TG_STAFF_CHAT,
      TG_STAFF_MEMBER,
      { text: "Kami hubungi KBRI Kuala Lumpur." },
      { replyTo: card.messageId },
    );
    await eventually(() =>
      waTexts(WA_REPORTER).some((t) => t.includes("Kami hubungi KBRI Kuala Lumpur.")),
    );

    // A staff photo reaches the reporter as a photo, not as its caption alone: WhatsApp cannot
    // send a Telegram file id, so the bot keeps a copy of the file and sends that.
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1020, 7)]);
    const fileId = fake.addFile("photos/surat.jpg", jpeg);
    fake.groupMessage(
      TG_STAFF_CHAT,
      TG_STAFF_MEMBER,
      {
        caption: "Surat dari KBRI",
        photo: [{ file_id: fileId, file_unique_id: "surat", width: 800, height: 600 }],
      },
      { replyTo: card.messageId },
    );
    const photo = await eventually(() =>
      factory.last.sent.find((s) => s.jid === WA_REPORTER && "image" in s.content),
    );
    const content = photo.content as { image: { url: string }; caption?: string };
    expect(content.caption).toContain("Surat dari KBRI");
    expect(content.caption).toContain(ref);
    expect(readFileSync(content.image.url)).toEqual(jpeg);

    // The reporter answers on WhatsApp: staff see it in Telegram.
    factory.last.upsert([incoming({ from: WA_REPORTER, text: "Namanya Siti Aminah" })]);
    await eventually(() =>
      fake.sentTo(TG_STAFF_CHAT).some((m) => (m.text ?? "").includes("Namanya Siti Aminah")),
    );

    // Someone in the group who is not staff is refused.
    fake.groupMessage(TG_STAFF_CHAT, 999, { text: `/tutup ${ref}` });
    await eventually(() =>
      fake.sentTo(TG_STAFF_CHAT).some((m) => (m.text ?? "").includes("tidak terdaftar")),
    );
    expect(app.store.cases.byRef(ref)?.status).toBe("claimed");

    // Staff close it from Telegram: the reporter is told on WhatsApp.
    fake.groupMessage(TG_STAFF_CHAT, TG_STAFF_MEMBER, { text: `/tutup ${ref}` });
    await eventually(() =>
      waTexts(WA_REPORTER).some((t) => t.includes(`Laporan ${ref} sekarang ditutup`)),
    );
    expect(app.store.cases.byRef(ref)?.status).toBe("closed");
  });

  it("a Telegram reporter is answered by staff in the WhatsApp group", async () => {
    fake.userText(TG_REPORTER, "halo", { lang: "id" });
    await fake.waitForSent(TG_REPORTER, 2);
    let since = fake.sent.length;
    fake.userText(TG_REPORTER, "petugas");
    await fake.waitForSent(TG_REPORTER, 1, since);
    since = fake.sent.length;
    fake.userText(TG_REPORTER, "Bagaimana cara cek PT resmi?");
    await fake.waitForSent(TG_REPORTER, 1, since);
    const ref = newestCase();
    const card = await eventually(() =>
      factory.last.sent.find(
        (s) => s.jid === WA_STAFF_GROUP && "text" in s.content && s.content.text.includes(ref),
      ),
    );
    // WhatsApp has no buttons: the card's own text names the commands, with no numbered lines
    // (typing a number in the staff group does nothing).
    const cardText = "text" in card.content ? card.content.text : "";
    expect(cardText).toContain(`/ambil ${ref}`);
    expect(cardText).not.toMatch(/^1\. /m);

    // A staff member quotes the card in the WhatsApp group.
    since = fake.sent.length;
    factory.last.upsert([
      incoming({
        group: WA_STAFF_GROUP,
        from: `${WA_STAFF_MEMBER}@s.whatsapp.net`,
        message: {
          extendedTextMessage: {
            text: "Cek di siskop2mi.bp2mi.go.id",
            contextInfo: { stanzaId: card.id },
          },
        },
      }),
    ]);
    const [reply] = await fake.waitForSent(TG_REPORTER, 1, since);
    expect(reply?.text).toContain("Cek di siskop2mi.bp2mi.go.id");
    expect(reply?.text).toContain(ref);
    expect(
      app.store.audit
        .latest()
        .some((a) => a.action === "case.reply" && a.actor === `whatsapp:${WA_STAFF_MEMBER}`),
    ).toBe(true);
  });
});
