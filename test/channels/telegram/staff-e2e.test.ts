/**
 * End-to-end, staff side and outbound rendering: the staff group reaches the staff hooks (and
 * no other group reaches anything), and the outbox can deliver to the staff group — text,
 * media by file id or upload, forum topics, long texts split at paragraphs.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Outgoing, StaffInbound } from "../../../src/channels/channel.ts";
import type { OutMessage } from "../../../src/engine/types.ts";
import { FakeBotApi } from "../../helpers/fake-bot-api.ts";
import {
  eventually,
  startTelegramBot,
  type TelegramTestBot,
  tempDatabase,
} from "../../helpers/telegram.ts";

const STAFF = -1001234567890;

let fake: FakeBotApi;
let db: ReturnType<typeof tempDatabase>;
let bot: TelegramTestBot;
const delivered: { out: Outgoing; ids: number[] }[] = [];
/** What the adapter handed the staff desk (here: this list). */
const staff: StaffInbound[] = [];

beforeEach(async () => {
  fake = await FakeBotApi.start();
  db = tempDatabase();
  delivered.length = 0;
  staff.length = 0;
  bot = await startTelegramBot(fake, {
    databasePath: db.path,
    env: { STAFF_TELEGRAM_CHAT_ID: String(STAFF) },
    channel: { onSent: (out, ids) => delivered.push({ out, ids }) },
    receiveStaff: async (message) => {
      staff.push(message);
    },
  });
});

afterEach(async () => {
  await bot.stop();
  await fake.close();
  db.cleanup();
});

/** Queues a message in the outbox (as the staff desk will) and delivers it. */
async function send(address: string | number, message: OutMessage): Promise<number> {
  const ref = bot.app.store.outbox.add(
    { userId: null, channel: "telegram", address: String(address), message },
    Date.now(),
  );
  await bot.app.delivery.flush("telegram");
  return ref;
}

describe("Telegram staff group (end to end)", () => {
  it("hands staff-group messages to the staff desk", async () => {
    const id = fake.groupMessage(
      STAFF,
      77,
      { text: "/balas@jalur_resmi_test_bot terima kasih" },
      { replyTo: 55, threadId: 9 },
    );
    fake.groupMessage(STAFF, 78, {
      caption: "bukti",
      photo: [{ file_id: "Fab", file_unique_id: "u", width: 1, height: 1 }],
    });
    await eventually(() => staff.length === 2);
    expect(staff[0]).toEqual({
      channel: "telegram",
      chat: String(STAFF),
      sender: "77",
      senderName: "Staf 77",
      messageId: String(id),
      text: "/balas terima kasih",
      replyTo: { channelMessageId: "55" },
    });
    expect(staff[1]).toMatchObject({
      sender: "78",
      text: "bukti",
      media: { kind: "photo", fileId: "Fab" },
    });
    // Staff messages are not conversations with the bot.
    expect(bot.app.store.users.find("telegram", String(STAFF))).toBeUndefined();
    expect(fake.sentTo(STAFF)).toHaveLength(0);
  });

  it("keeps a copy of a staff file when asked to (for reporters on WhatsApp), or hands it on as it is", async () => {
    await bot.stop();
    const dir = join(db.dir, "media");
    bot = await startTelegramBot(fake, {
      databasePath: db.path,
      env: { STAFF_TELEGRAM_CHAT_ID: String(STAFF) },
      channel: { staffFiles: { dir, maxBytes: 1024 * 1024, timeoutMs: 5_000 } },
      receiveStaff: async (message) => {
        staff.push(message);
      },
    });
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
    const photo = (bytes: Buffer, caption: string) => {
      const fileId = fake.addFile(`photos/${caption}.jpg`, bytes);
      fake.groupMessage(STAFF, 77, {
        caption,
        photo: [{ file_id: fileId, file_unique_id: caption, width: 1, height: 1 }],
      });
      return fileId;
    };
    const kept = photo(jpeg, "asli");
    // Bytes that are no JPEG are not kept: the desk still gets the message and its caption.
    const forged = photo(Buffer.from("not a picture at all"), "palsu");
    await eventually(() => staff.length === 2);
    expect(staff[0]?.media).toMatchObject({ kind: "photo", fileId: kept, caption: "asli" });
    expect(readFileSync(staff[0]?.media?.path as string)).toEqual(jpeg);
    expect(staff[1]?.text).toBe("palsu");
    expect(staff[1]?.media).toEqual({
      kind: "photo",
      fileId: forged,
      mime: "image/jpeg",
      caption: "palsu",
    });
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it("answers staff-group taps and hands the commands they carry to the staff desk", async () => {
    const tap = (update_id: number, data: string) =>
      ({
        update_id,
        callback_query: {
          id: `q${update_id}`,
          from: { id: 77, is_bot: false, first_name: "Staf" },
          chat_instance: "c",
          data,
          message: {
            message_id: 12,
            date: 1,
            chat: { id: STAFF, type: "supergroup", title: "Staff" },
          },
        },
      }) as Update;
    // Data the bot did not make carries no command: answered, and nothing more.
    fake.enqueue(tap(899, "case:JR-7Q3K:claim"));
    fake.enqueue(tap(900, ":ambil JR-7Q3K"));
    await eventually(() => staff.length === 1);
    expect(staff[0]).toEqual({
      channel: "telegram",
      chat: String(STAFF),
      sender: "77",
      senderName: "Staf",
      messageId: "tap:12:77:ambil JR-7Q3K",
      action: "ambil JR-7Q3K",
    });
    await fake.waitFor(() =>
      ["q899", "q900"].every((id) =>
        fake.callsOf("answerCallbackQuery").some((c) => c.payload.callback_query_id === id),
      ),
    );
    expect(staff).toHaveLength(1);
  });

  it("ignores every other group, and private messages from bots", async () => {
    fake.groupMessage(-100999, 5, { text: "halo" });
    fake.userMessage(4242, { text: "halo", from: { id: 4242, is_bot: true, first_name: "B" } });
    fake.userText(1010, "halo");
    await fake.waitForSent(1010, 2);
    expect(fake.sentTo(-100999)).toHaveLength(0);
    expect(fake.sentTo(4242)).toHaveLength(0);
    expect(bot.app.store.users.find("telegram", "-100999")).toBeUndefined();
  });

  it("delivers to the staff group: text, photo by file id, topics, and reports message ids", async () => {
    expect(bot.channel.staffAddress).toBe(String(STAFF));
    const ref = await send(STAFF, { text: "Kasus baru JR-7Q3K" });
    await send(`${STAFF}:9`, {
      text: "Foto dari pelapor",
      media: { kind: "photo", fileId: "Fab01", mime: "image/jpeg" },
    });
    const sent = fake.sentTo(STAFF);
    expect(sent.map((s) => [s.method, s.text ?? s.caption, s.file, s.threadId])).toEqual([
      ["sendMessage", "Kasus baru JR-7Q3K", undefined, undefined],
      ["sendPhoto", "Foto dari pelapor", "Fab01", 9],
    ]);
    expect(delivered[0]).toEqual({
      out: expect.objectContaining({ ref, address: String(STAFF) }),
      ids: [sent[0]?.messageId],
    });
  });

  it("uploads a local file when there is no Telegram file id, and keeps the text if media fails", async () => {
    const path = join(db.dir, "laporan.pdf");
    writeFileSync(path, "%PDF-1.4 test");
    await send(STAFF, {
      text: "Dokumen",
      media: { kind: "document", path, fileName: "laporan.pdf" },
    });
    await send(STAFF, {
      text: "Pesan suara",
      media: { kind: "voice", fileId: "whatsapp-media-id" },
    });
    const sent = fake.sentTo(STAFF);
    expect(sent.map((s) => [s.method, s.text ?? s.caption, s.file])).toEqual([
      ["sendDocument", "Dokumen", "upload:laporan.pdf"],
      ["sendMessage", "Pesan suara", undefined],
    ]);
  });

  it("splits long texts at paragraphs, captions at 1024, keyboard on the last piece", async () => {
    const paragraph = (n: number) => `${n}. ${"kata ".repeat(590)}`.trim();
    const text = [1, 2, 3].map(paragraph).join("\n\n");
    await send(2001, {
      text,
      options: [
        { id: "a", label: "Satu" },
        { id: "b", label: "Dua" },
      ],
      prompt: 7,
    });
    const pieces = fake.sentTo(2001);
    expect(pieces.map((p) => p.text?.slice(0, 3))).toEqual(["1. ", "2. ", "3. "]);
    for (const p of pieces) expect(p.text?.length).toBeLessThanOrEqual(4096);
    expect(pieces.map((p) => !!p.replyMarkup)).toEqual([false, false, true]);
    expect(pieces[2]?.text).toMatch(/\n\n1\. Satu\n2\. Dua$/);
    expect(
      pieces[2]?.replyMarkup?.inline_keyboard
        .flat()
        .map((b) => ("callback_data" in b ? b.callback_data : "")),
    ).toEqual(["7:a", "7:b"]);

    await send(2002, {
      text: [1, 2].map((n) => `${n}. ${"kata ".repeat(150)}`.trim()).join("\n\n"),
      media: { kind: "photo", fileId: "Fa0" },
    });
    const withMedia = fake.sentTo(2002);
    expect(withMedia.map((p) => p.method)).toEqual(["sendPhoto", "sendMessage"]);
    expect(withMedia[0]?.caption?.startsWith("1. ")).toBe(true);
    expect(withMedia[1]?.text?.startsWith("2. ")).toBe(true);
  });

  it("a failing piece of a split message is retried without repeating the pieces already sent", async () => {
    const text = [1, 2].map((n) => `${n}. ${"kata ".repeat(700)}`.trim()).join("\n\n");
    fake.failNext("sendMessage", "network", { chatId: 2003, skip: 1 });
    const realSend = fake.callsOf("sendMessage").length;
    // The second piece fails (network); the outbox retries, and only that piece goes again.
    await send(2003, { text });
    await eventually(() => fake.sentTo(2003).length === 2);
    expect(fake.sentTo(2003).map((p) => p.text?.slice(0, 3))).toEqual(["1. ", "2. "]);
    expect(fake.callsOf("sendMessage").length - realSend).toBe(3);
  });

  it("does not give the staff group up on a 403, and follows a group that became a supergroup", async () => {
    fake.failNext(
      "sendMessage",
      { code: 403, description: "Forbidden: bot was kicked from the supergroup chat" },
      { chatId: STAFF },
    );
    await send(STAFF, { text: "Kasus baru" });
    await eventually(() => fake.sentTo(STAFF).length === 1);
    fake.failNext(
      "sendMessage",
      {
        code: 400,
        description: "Bad Request: group chat was upgraded to a supergroup chat",
        migrateTo: -100555,
      },
      { chatId: -4001 },
    );
    await send(-4001, { text: "Halo staf" });
    expect(fake.sentTo(-100555).map((s) => s.text)).toEqual(["Halo staf"]);
  });
});
