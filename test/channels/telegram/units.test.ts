/**
 * The Telegram adapter's pure parts: splitting, keyboards, error mapping, the throttle, and how
 * Telegram messages become engine inputs.
 */
import { GrammyError, HttpError } from "grammy";
import type { Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import { DeliveryError } from "../../../src/channels/channel.ts";
import { parseAddress } from "../../../src/channels/telegram/address.ts";
import { botCommands } from "../../../src/channels/telegram/commands.ts";
import { toDeliveryError } from "../../../src/channels/telegram/errors.ts";
import { messageInput, stripBotMention } from "../../../src/channels/telegram/inbound.ts";
import {
  decodeChoice,
  encodeChoice,
  keyboardFor,
} from "../../../src/channels/telegram/keyboard.ts";
import { planPieces } from "../../../src/channels/telegram/outbound.ts";
import { MAX_CAPTION, splitText } from "../../../src/channels/telegram/split.ts";
import { staffMessageInbound } from "../../../src/channels/telegram/staff.ts";
import { TELEGRAM_LIMITS, Throttle } from "../../../src/channels/telegram/throttle.ts";
import { readConfig } from "../../../src/config.ts";

const BOT = "jalur_bot";
const msg = (content: Partial<Message>): Message =>
  ({
    message_id: 1,
    date: 0,
    chat: { id: 7, type: "private", first_name: "A" },
    from: { id: 7, is_bot: false, first_name: "A" },
    ...content,
  }) as Message;

const grammyError = (code: number, description: string, parameters = {}) =>
  new GrammyError(
    "failed",
    { ok: false, error_code: code, description, parameters },
    "sendMessage",
    {},
  );

describe("splitText", () => {
  it("keeps short texts whole and splits long ones at paragraphs", () => {
    expect(splitText("halo")).toEqual(["halo"]);
    expect(splitText("")).toEqual([]);
    const a = "a".repeat(3000);
    const b = "b".repeat(3000);
    expect(splitText(`${a}\n\n${b}`)).toEqual([a, b]);
  });

  it("falls back to lines, then words, then a hard cut that never splits an emoji", () => {
    const words = "kata ".repeat(2000).trim();
    const pieces = splitText(words);
    expect(pieces.every((p) => p.length <= 4096 && !p.startsWith(" "))).toBe(true);
    expect(pieces.join(" ")).toBe(words);
    const emoji = "🙏".repeat(3000); // 6000 UTF-16 units, no spaces at all
    const cut = splitText(emoji);
    expect(cut.join("")).toBe(emoji);
    expect(cut.every((p) => p.length <= 4096 && !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });

  it("uses a smaller first piece for captions", () => {
    const text = ["x".repeat(900), "y".repeat(900), "z".repeat(900)].join("\n\n");
    const [caption, ...rest] = splitText(text, 4096, MAX_CAPTION);
    expect(caption).toBe("x".repeat(900));
    expect(rest).toEqual([`${"y".repeat(900)}\n\n${"z".repeat(900)}`]);
  });
});

describe("keyboards", () => {
  it("encode the prompt number and the option, within 64 bytes", () => {
    expect(encodeChoice("contacts", 12)).toBe("12:contacts");
    expect(decodeChoice("12:contacts")).toEqual({ id: "contacts", prompt: 12 });
    expect(decodeChoice(":menu")).toEqual({ id: "menu" });
    expect(decodeChoice("garbage")).toBeUndefined();
    expect(decodeChoice(undefined)).toBeUndefined();
    expect(encodeChoice("é".repeat(40), 1)).toBeUndefined(); // 80 bytes
  });

  it("leave out a button whose data would not fit; its number still works", () => {
    const markup = keyboardFor({
      text: "?",
      prompt: 3,
      options: [
        { id: "ok", label: "Ya" },
        { id: "x".repeat(70), label: "Panjang" },
        { id: "no", label: "Tidak" },
      ],
    });
    expect(markup?.inline_keyboard).toEqual([
      [{ text: "1. Ya", callback_data: "3:ok" }],
      [{ text: "3. Tidak", callback_data: "3:no" }],
    ]);
  });

  it("put the numbered options in the text and the keyboard on the last piece", () => {
    const pieces = planPieces({ text: "Pilih:", prompt: 1, options: [{ id: "a", label: "A" }] });
    expect(pieces).toEqual([
      {
        type: "text",
        text: "Pilih:\n\n1. A",
        markup: { inline_keyboard: [[{ text: "1. A", callback_data: "1:a" }]] },
      },
    ]);
  });
});

describe("toDeliveryError", () => {
  it("maps Bot API answers to what the outbox does next", () => {
    const cases: [unknown, boolean, string, number | undefined][] = [
      [
        grammyError(429, "Too Many Requests: retry after 7", { retry_after: 7 }),
        false,
        "retry",
        7000,
      ],
      [grammyError(403, "Forbidden: bot was blocked by the user"), false, "unreachable", undefined],
      [grammyError(403, "Forbidden: user is deactivated"), false, "unreachable", undefined],
      [grammyError(400, "Bad Request: chat not found"), false, "unreachable", undefined],
      [grammyError(400, "Bad Request: message is too long"), false, "permanent", undefined],
      [
        grammyError(403, "Forbidden: bot was kicked from the supergroup chat"),
        true,
        "retry",
        undefined,
      ],
      [grammyError(502, "Bad Gateway"), false, "retry", undefined],
      [grammyError(401, "Unauthorized"), false, "retry", undefined],
      [
        new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET")),
        false,
        "retry",
        undefined,
      ],
      [new Error("boom"), false, "retry", undefined],
    ];
    for (const [error, group, failure, wait] of cases) {
      const mapped = toDeliveryError(error, group);
      expect(mapped).toBeInstanceOf(DeliveryError);
      expect([mapped.failure, mapped.retryAfterMs]).toEqual([failure, wait]);
    }
  });
});

describe("Throttle", () => {
  function fakeClock() {
    const clock = {
      t: 0,
      now: () => clock.t,
      sleep: async (ms: number) => {
        clock.t += ms;
      },
    };
    return clock;
  }

  it("lets a short burst through, then about one message a second per chat", async () => {
    const clock = fakeClock();
    const throttle = new Throttle(TELEGRAM_LIMITS, clock);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      await throttle.acquire("7", false);
      times.push(clock.t);
    }
    expect(times).toEqual([0, 0, 0, 0, 1000, 2000, 3000]);
  });

  it("keeps groups to twenty a minute and everything to thirty in any second", async () => {
    const clock = fakeClock();
    const throttle = new Throttle(TELEGRAM_LIMITS, clock);
    for (let i = 0; i < 21; i++) await throttle.acquire("-100", true);
    expect(clock.t).toBe(60_000);

    const all = fakeClock();
    const global = new Throttle(TELEGRAM_LIMITS, all);
    const times: number[] = [];
    for (let i = 0; i < 65; i++) {
      await global.acquire(String(i), false);
      times.push(all.t);
    }
    expect(times.filter((t) => t === 0)).toHaveLength(30);
    expect(times.filter((t) => t === 1000)).toHaveLength(30);
    expect(times.at(-1)).toBe(2000);
  });
});

describe("messageInput", () => {
  it("reads text, commands with the bot's name, and deep links", () => {
    expect(messageInput(msg({ text: "halo" }), BOT)).toEqual({ type: "text", text: "halo" });
    expect(messageInput(msg({ text: "/bahasa@Jalur_Bot" }), BOT)).toEqual({
      type: "text",
      text: "/bahasa",
    });
    expect(messageInput(msg({ text: "/start" }), BOT)).toEqual({ type: "start" });
    expect(messageInput(msg({ text: "/start report" }), BOT)).toEqual({
      type: "start",
      payload: "report",
    });
    expect(stripBotMention("/menu@other_bot", BOT)).toBe("/menu@other_bot");
  });

  it("refuses a file too large for bots to fetch, saying so and keeping its caption", () => {
    const big = { file_id: "f", file_unique_id: "u", file_size: 25 * 1024 * 1024 };
    expect(
      messageInput(
        msg({ document: { ...big, mime_type: "application/pdf" }, caption: "kontrak" }),
        BOT,
      ),
    ).toEqual({ type: "unsupported", what: "file_too_large", caption: "kontrak" });
    expect(messageInput(msg({ video: { ...big, width: 1, height: 1, duration: 1 } }), BOT)).toEqual(
      {
        type: "unsupported",
        what: "file_too_large",
      },
    );
  });

  it("describes media, keeping captions and metadata", () => {
    expect(
      messageInput(
        msg({
          caption: "ini suratnya",
          document: {
            file_id: "D1",
            file_unique_id: "d",
            mime_type: "application/pdf",
            file_size: 10,
            file_name: "surat.pdf",
          },
        }),
        BOT,
      ),
    ).toEqual({
      type: "media",
      media: {
        kind: "document",
        fileId: "D1",
        mime: "application/pdf",
        size: 10,
        fileName: "surat.pdf",
        caption: "ini suratnya",
      },
    });
    expect(
      messageInput(
        msg({ voice: { file_id: "V", file_unique_id: "v", duration: 3, mime_type: "audio/ogg" } }),
        BOT,
      ),
    ).toEqual({
      type: "media",
      media: { kind: "voice", fileId: "V", mime: "audio/ogg" },
    });
    expect(
      messageInput(
        msg({ video_note: { file_id: "N", file_unique_id: "n", length: 1, duration: 1 } }),
        BOT,
      ),
    ).toMatchObject({
      media: { kind: "video", mime: "video/mp4" },
    });
  });

  it("names what it cannot read, and skips service messages", () => {
    expect(messageInput(msg({ contact: { phone_number: "1", first_name: "B" } }), BOT)).toEqual({
      type: "unsupported",
      what: "contact",
    });
    expect(
      messageInput(
        msg({
          venue: { location: { latitude: 0, longitude: 0 }, title: "t", address: "a" },
        } as Partial<Message>),
        BOT,
      ),
    ).toEqual({
      type: "unsupported",
      what: "location",
    });
    expect(messageInput(msg({ dice: { emoji: "🎲", value: 3 } }), BOT)).toEqual({
      type: "unsupported",
      what: "other",
    });
    expect(
      messageInput(msg({ pinned_message: msg({ text: "x" }) } as Partial<Message>), BOT),
    ).toBeUndefined();
  });
});

describe("staff messages", () => {
  it("in a forum topic, the topic's first message is not a reply", () => {
    const staff = staffMessageInbound(
      msg({
        chat: { id: -100, type: "supergroup", title: "S" },
        text: "ok",
        message_thread_id: 5,
        is_topic_message: true,
        reply_to_message: {
          message_id: 5,
          date: 0,
          chat: { id: -100, type: "supergroup", title: "S" },
          forum_topic_created: { name: "t", icon_color: 1 },
        },
      } as Partial<Message>),
      BOT,
    );
    expect(staff).toMatchObject({ channel: "telegram", chat: "-100", text: "ok" });
    expect(staff?.replyTo).toBeUndefined();
  });
});

describe("addresses and commands", () => {
  it("parses chat and topic addresses", () => {
    expect(parseAddress("42")).toEqual({ chatId: "42" });
    expect(parseAddress("-1001:9")).toEqual({ chatId: "-1001", threadId: 9 });
    expect(parseAddress("user:a")).toBeUndefined();
  });

  it("describes commands in both languages", () => {
    const t = (lang: string, key: string) => `${lang}:${key}`;
    expect(botCommands(t)[0]).toEqual({
      command: "menu",
      description: "id:telegram.cmd_menu · mad:telegram.cmd_menu",
    });
  });
});

describe("Telegram configuration", () => {
  it("needs a secret for webhooks and a valid port, with one-line errors", () => {
    const url = "https://bot.example.org/telegram/hook";
    expect(() => readConfig({ TELEGRAM_WEBHOOK_URL: url })).toThrow(
      /^TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set/,
    );
    expect(() => readConfig({ TELEGRAM_WEBHOOK_URL: "http://x.org/h" })).toThrow(
      /^TELEGRAM_WEBHOOK_URL: /,
    );
    expect(() => readConfig({ PORT: "70000" })).toThrow(
      "PORT: expected a port number (0 to 65535)",
    );
    const config = readConfig({
      TELEGRAM_BOT_TOKEN: "123:abc",
      TELEGRAM_WEBHOOK_URL: url,
      TELEGRAM_WEBHOOK_SECRET: "x".repeat(20),
    });
    expect([config.PORT, config.HTTP_HOST, config.TELEGRAM_WEBHOOK_URL]).toEqual([
      3000,
      "0.0.0.0",
      url,
    ]);
  });
});
