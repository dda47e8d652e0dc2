/**
 * End-to-end: the real bot with real grammY, over HTTP, against a local fake Bot API server.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeBotApi, type Sent } from "../../helpers/fake-bot-api.ts";
import {
  eventually,
  startTelegramBot,
  type TelegramTestBot,
  tempDatabase,
} from "../../helpers/telegram.ts";

/**
 * The flow that collects a photo. `evidence` is a test fixture standing in for `report`; when
 * `flows/report.yaml` exists, point this at it and list the answers it needs before its media
 * question (texts typed, in order) and a word of its closing message.
 */
const MEDIA_FLOW = {
  id: "evidence",
  answersBeforeMedia: ["Adik saya tidak bisa dihubungi sejak Maret"],
  mediaQuestion: "kirim foto",
  closing: "petugas",
  caseKind: "report",
};

let fake: FakeBotApi;
let db: ReturnType<typeof tempDatabase>;
const bots: TelegramTestBot[] = [];

beforeEach(async () => {
  fake = await FakeBotApi.start();
  db = tempDatabase();
});

afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await fake.close();
  db.cleanup();
});

async function start(options: Partial<Parameters<typeof startTelegramBot>[1]> = {}) {
  const bot = await startTelegramBot(fake, { databasePath: db.path, ...options });
  bots.push(bot);
  return bot;
}

/** The button whose callback data ends in `:<optionId>` in a message's keyboard. */
function button(message: Sent, optionId: string): string {
  const data = message.replyMarkup?.inline_keyboard
    .flat()
    .map((b) => ("callback_data" in b ? b.callback_data : ""))
    .find((d) => d.endsWith(`:${optionId}`));
  if (!data) throw new Error(`no button ${optionId} in ${JSON.stringify(message.replyMarkup)}`);
  return data;
}

/** Waits until every update was fetched and handled and every reply delivered. */
function settled(bot: TelegramTestBot): Promise<true> {
  return eventually(
    () => fake.drained && bot.channel.busy === 0 && bot.app.store.outbox.pending("telegram") === 0,
  );
}

/** What the user sees of a message: its text or caption. */
const shown = (m: Sent) => m.text ?? m.caption ?? "";

describe("Telegram end to end (real grammY, fake Bot API)", () => {
  it("/start, then language and menu by button taps", async () => {
    await start();
    const chat = 1001;
    fake.userText(chat, "/start", { lang: "id" });
    const first = await fake.waitForSent(chat, 2);
    const menu = first.at(-1) as Sent;
    expect(shown(first[0] as Sent)).toContain("Jalur Resmi");
    // Numbers in the text (typing works) and the same options as buttons.
    expect(shown(menu)).toMatch(/\n1\. .+\n2\. .+\n3\. .+\n4\. /);
    expect(menu.replyMarkup?.inline_keyboard).toHaveLength(10);
    expect(menu.replyMarkup?.inline_keyboard[0]?.[0]?.text).toMatch(/^1\. /);

    // Language is in the "more topics" submenu.
    const before = fake.sent.length;
    fake.userTap(chat, menu.messageId, button(menu, "more"));
    const [more] = await fake.waitForSent(chat, 1, before);
    await fake.waitFor(() => !fake.keyboardOf(chat, menu.messageId));
    const since = fake.sent.length;
    const queryId = fake.userTap(chat, (more as Sent).messageId, button(more as Sent, "language"));
    const [choose] = await fake.waitForSent(chat, 1, since);
    expect(shown(choose as Sent)).toContain("Pèlè bhâsa");
    // The tap was answered and the tapped keyboard taken away.
    await fake.waitFor(() =>
      fake.callsOf("answerCallbackQuery").some((c) => c.payload.callback_query_id === queryId),
    );
    await fake.waitFor(() => !fake.keyboardOf(chat, (more as Sent).messageId));

    const since2 = fake.sent.length;
    fake.userTap(chat, (choose as Sent).messageId, button(choose as Sent, "mad"));
    const after = await fake.waitForSent(chat, 2, since2);
    expect(shown(after[0] as Sent)).toContain("Bhâsa Madhurâ");
    expect(shown(after[1] as Sent)).toContain("Èatorè pèlè");
    expect(after[1]?.replyMarkup?.inline_keyboard).toHaveLength(10);

    // The command menu, in both languages.
    const commands = fake.commands.get("");
    expect(commands?.map((c) => c.command)).toEqual([
      "menu",
      "bahasa",
      "petugas",
      "hapus",
      "bantuan",
    ]);
    expect(commands?.[0]?.description).toBe("Menu utama · Menu otama");
  });

  it(`a deep link starts the ${MEDIA_FLOW.id} flow, which collects a photo into a case`, async () => {
    const bot = await start();
    const chat = 1002;
    fake.userText(chat, `/start ${MEDIA_FLOW.id}`, { lang: "id" });
    await settled(bot);
    for (const answer of MEDIA_FLOW.answersBeforeMedia) {
      fake.userText(chat, answer);
      await settled(bot);
    }
    const question = fake.sentTo(chat).at(-1) as Sent;
    expect(shown(question).toLowerCase()).toContain(MEDIA_FLOW.mediaQuestion);

    const since = fake.sent.length;
    fake.userPhoto(chat, { caption: "foto paspornya" });
    const [done] = await fake.waitForSent(chat, 1, since);
    expect(shown(done as Sent).toLowerCase()).toContain(MEDIA_FLOW.closing);

    const user = bot.app.store.users.find("telegram", String(chat));
    const [record] = bot.app.store.cases.ofUser(user?.id ?? -1);
    expect(record?.kind).toBe(MEDIA_FLOW.caseKind);
    const files = bot.app.store.db
      .prepare("SELECT kind, file_id, size, caption, mime FROM attachments WHERE case_id = ?")
      .all(record?.id);
    // The largest photo size is kept, with its metadata and the caption.
    expect(files).toEqual([
      {
        kind: "photo",
        file_id: expect.stringMatching(/^F[0-9a-f]+$/),
        size: 2048,
        caption: "foto paspornya",
        mime: "image/jpeg",
      },
    ]);
  });

  it("a tap on an old keyboard gets a polite answer and the current question", async () => {
    await start();
    const chat = 1003;
    fake.userText(chat, "halo", { lang: "id" });
    const first = await fake.waitForSent(chat, 2);
    const menu = first.at(-1) as Sent;
    let since = fake.sent.length;
    fake.userText(chat, "1"); // a typed number answers the menu; its keyboard stays visible
    const contacts = (await fake.waitForSent(chat, 1, since)).at(-1) as Sent;
    expect(contacts.replyMarkup?.inline_keyboard.length).toBeGreaterThan(2);

    since = fake.sent.length;
    const queryId = fake.userTap(chat, menu.messageId, button(menu, "contacts"));
    const reply = await fake.waitForSent(chat, 2, since);
    expect(shown(reply[0] as Sent)).toContain("pesan lama");
    expect(shown(reply[1] as Sent)).toBe(shown(contacts));
    expect(reply[1]?.replyMarkup).toEqual(contacts.replyMarkup);
    await fake.waitFor(() =>
      fake.callsOf("answerCallbackQuery").some((c) => c.payload.callback_query_id === queryId),
    );
    await fake.waitFor(() => !fake.keyboardOf(chat, menu.messageId));

    // Data the bot never made (an old version's buttons) is treated the same way.
    since = fake.sent.length;
    fake.userTap(chat, contacts.messageId, "garbage");
    const again = await fake.waitForSent(chat, 2, since);
    expect(shown(again[0] as Sent)).toContain("pesan lama");
  });

  it("stickers and locations get a kind reply and the question again", async () => {
    const bot = await start();
    const chat = 1004;
    fake.userText(chat, "halo");
    await fake.waitForSent(chat, 2);
    let since = fake.sent.length;
    fake.userMessage(chat, {
      sticker: {
        file_id: "s",
        file_unique_id: "s",
        type: "regular",
        width: 1,
        height: 1,
        is_animated: false,
        is_video: false,
      },
    });
    let reply = await fake.waitForSent(chat, 2, since);
    expect(shown(reply[0] as Sent)).toContain("stiker");
    expect(reply[1]?.replyMarkup?.inline_keyboard).toHaveLength(10);
    since = fake.sent.length;
    fake.userMessage(chat, { location: { latitude: -7.16, longitude: 113.48 } });
    reply = await fake.waitForSent(chat, 2, since);
    expect(shown(reply[0] as Sent)).toContain("nama desa");
    // A photo where no media is expected: its caption counts as the typed answer.
    since = fake.sent.length;
    fake.userPhoto(chat, { caption: "9" });
    await settled(bot);
    const last = fake.sentTo(chat).at(-1) as Sent;
    expect(shown(last)).toContain("Kantor Imigrasi Pamekasan");
  });

  it("handles one chat's messages in order while chats run in parallel", async () => {
    const bot = await start();
    // Typed quickly: they reach the bot in one batch of updates.
    for (const chat of [1101, 1102, 1103]) {
      fake.userText(chat, "halo", { lang: "id" });
      fake.userText(chat, "bahasa");
      fake.userText(chat, "2");
    }
    await settled(bot);
    for (const chat of [1101, 1102, 1103]) {
      const texts = fake.sentTo(chat).map(shown);
      expect(texts).toHaveLength(5);
      expect(texts[2]).toContain("Pèlè bhâsa");
      expect(texts[3]).toContain("Bhâsa Madhurâ");
      expect(texts[4]).toContain("Èatorè pèlè");
    }
  });

  it("a 429 with retry_after is waited out, then the reply is delivered in order", async () => {
    const bot = await start();
    const chat = 1005;
    fake.failNext(
      "sendMessage",
      { code: 429, description: "Too Many Requests: retry after 1", retryAfter: 1 },
      { chatId: chat },
    );
    fake.userText(chat, "halo");
    const replies = await fake.waitForSent(chat, 2);
    const attempts = fake.callsOf("sendMessage").filter((c) => c.payload.chat_id === String(chat));
    expect(attempts).toHaveLength(3); // the refused one, then both messages
    expect((replies[0] as Sent).at - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(shown(replies[0] as Sent)).toContain("Jalur Resmi");
    await eventually(() => bot.app.store.outbox.pending("telegram") === 0);
  });

  it("a dropped connection is retried from the outbox", async () => {
    await start();
    const chat = 1006;
    fake.failNext("sendMessage", "network", { chatId: chat });
    fake.userText(chat, "halo");
    const replies = await fake.waitForSent(chat, 2);
    expect(shown(replies[0] as Sent)).toContain("Jalur Resmi");
  });

  it("a 403 (the user blocked the bot) marks the user unreachable", async () => {
    const bot = await start();
    const chat = 1007;
    fake.block(chat);
    fake.userText(chat, "halo");
    await eventually(() => bot.app.store.users.find("telegram", String(chat))?.reachable === false);
    const row = bot.app.store.db
      .prepare("SELECT reachable FROM users WHERE channel = 'telegram' AND address = ?")
      .get(String(chat));
    expect(row).toEqual({ reachable: 0 });
    expect(bot.app.store.outbox.pending("telegram")).toBe(0);
    // Only one attempt: nothing is retried for a user who blocked the bot.
    expect(
      fake.callsOf("sendMessage").filter((c) => c.payload.chat_id === String(chat)),
    ).toHaveLength(1);
  });

  it("a restart mid-conversation resumes where it was, including taps made while down", async () => {
    const first = await start();
    const chat = 1008;
    fake.userText(chat, "halo");
    await fake.waitForSent(chat, 2);
    let since = fake.sent.length;
    fake.userText(chat, "bahasa");
    const choose = (await fake.waitForSent(chat, 1, since))[0] as Sent;
    await eventually(() => fake.drained);
    await first.stop();
    bots.splice(bots.indexOf(first), 1);
    // Stopping confirmed the handled updates, so Telegram will not send them again.
    expect(fake.callsOf("getUpdates").at(-1)?.payload).toMatchObject({ limit: 1, timeout: 0 });
    const answered = fake.callsOf("answerCallbackQuery").length;

    // While the bot is down, the user taps Madurese on the question asked before the restart.
    since = fake.sent.length;
    fake.userTap(chat, choose.messageId, button(choose, "mad"));
    await start(); // same database file, new app, new grammY bot
    const after = await fake.waitForSent(chat, 2, since);
    expect(shown(after[0] as Sent)).toContain("Bhâsa Madhurâ");
    expect(shown(after[1] as Sent)).toContain("Èatorè pèlè");
    expect(fake.sentTo(chat, since)).toHaveLength(2);
    expect(fake.callsOf("answerCallbackQuery")).toHaveLength(answered + 1);
  });

  it("a token Telegram refuses stops start-up with a one-line error", async () => {
    const started = startTelegramBot(fake, {
      databasePath: db.path,
      env: { TELEGRAM_BOT_TOKEN: "999:wrong" },
    });
    await expect(started).rejects.toThrow(
      "TELEGRAM_BOT_TOKEN: Telegram refused this token (401 Unauthorized)",
    );
  });

  it("a message that could not be stored at first is retried, not lost", async () => {
    const bot = await start({ noStart: true });
    let failures = 1;
    await bot.channel.start({
      ...bot.app,
      async receive(inbound) {
        if (failures-- > 0) throw new Error("SQLITE_BUSY: database is locked");
        await bot.app.receive(inbound);
      },
    });
    fake.userText(1201, "halo");
    const replies = await fake.waitForSent(1201, 2);
    expect(shown(replies[0] as Sent)).toContain("Jalur Resmi");
  });
});
