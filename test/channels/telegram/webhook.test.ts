/**
 * Webhook mode: Telegram posts updates to the bot's HTTP server (Hono), which checks the secret
 * token; `GET /healthz` answers on the same server.
 */
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HttpServer } from "../../../src/http/server.ts";
import { quietLog } from "../../helpers/app.ts";
import { FakeBotApi } from "../../helpers/fake-bot-api.ts";
import { startTelegramBot, type TelegramTestBot, tempDatabase } from "../../helpers/telegram.ts";

const SECRET = "test-secret-0123456789";
let fake: FakeBotApi;
let db: ReturnType<typeof tempDatabase>;
let bot: TelegramTestBot;
let http: HttpServer;
let base: string;

beforeEach(async () => {
  fake = await FakeBotApi.start();
  db = tempDatabase();
  http = new HttpServer({
    host: "127.0.0.1",
    port: 0,
    log: quietLog,
    health: () => ({ ok: bot.app.store.db.open }),
  });
  // The channel mounts its webhook on the server it is built with.
  bot = await startTelegramBot(fake, {
    databasePath: db.path,
    env: {
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram/hook",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    },
    noStart: true,
    http,
  });
  base = `http://127.0.0.1:${await http.listen()}`;
});

afterEach(async () => {
  await bot.stop();
  await http.close();
  await fake.close();
  db.cleanup();
});

function update(id: number, chat: number, text: string): Update {
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chat, type: "private", first_name: "W" },
      from: { id: chat, is_bot: false, first_name: "W" },
      text,
    },
  } as Update;
}

function post(body: Update, secret = SECRET): Promise<Response> {
  return fetch(`${base}/telegram/hook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(body),
  });
}

describe("Telegram webhook mode", () => {
  it("registers the webhook with its secret and answers updates posted to it", async () => {
    await bot.channel.start(bot.app);
    expect(fake.webhook).toEqual({ url: "https://bot.example.org/telegram/hook", secret: SECRET });
    expect(fake.callsOf("getUpdates")).toHaveLength(0);

    const res = await post(update(1, 3001, "halo"));
    expect(res.status).toBe(200);
    const sent = await fake.waitForSent(3001, 2);
    expect(sent[0]?.text).toContain("Jalur Resmi");
    // Telegram re-posts an update it got no 200 for: it is answered once.
    expect((await post(update(1, 3001, "halo"))).status).toBe(200);
    expect(fake.sentTo(3001)).toHaveLength(2);
  });

  it("refuses requests without the secret token", async () => {
    await bot.channel.start(bot.app);
    const res = await post(update(2, 3002, "halo"), "wrong-secret-0123456789");
    expect(res.status).toBe(401);
    expect(fake.sentTo(3002)).toHaveLength(0);
  });

  it("answers 503 before start and while stopping, so Telegram sends the update again later", async () => {
    expect((await post(update(3, 3003, "halo"))).status).toBe(503);
    await bot.channel.start(bot.app);
    await bot.channel.stop();
    expect((await post(update(4, 3003, "halo"))).status).toBe(503);
    expect(fake.sentTo(3003)).toHaveLength(0);
  });

  it("serves GET /healthz", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    bot.app.store.close();
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(503);
  });
});
