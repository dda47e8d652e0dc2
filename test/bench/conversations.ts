/**
 * Benchmark part 3: one dialogue through grammY's `handleUpdate`, handled (a) by our Telegram
 * adapter and engine, and (b) the idiomatic way, with `@grammyjs/conversations` keeping its
 * state in SQLite through a storage adapter over better-sqlite3. No network on either side: a
 * transformer answers every Bot API call, the same for both.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Conversation,
  type ConversationFlavor,
  conversations,
  createConversation,
} from "@grammyjs/conversations";
import Database from "better-sqlite3";
import { Bot, type Context, type StorageAdapter, type Transformer } from "grammy";
import type { Update } from "grammy/types";
import { createApp, loadCheckedContent } from "../../src/app.ts";
import { telegramFromConfig } from "../../src/channels/telegram/from-config.ts";
import { NO_LIMITS } from "../../src/channels/telegram/throttle.ts";
import { readConfig } from "../../src/config.ts";
import { translatorFor } from "../../src/content.ts";
import { createLogger } from "../../src/log.ts";
import { TEST_BOT_INFO } from "../helpers/fake-bot-api.ts";

const TOKEN = "123456:bench";
const BOT_INFO = TEST_BOT_INFO;

let messageId = 1;

/** What a Bot API with zero latency answers. */
function answer(method: string, p: Record<string, unknown>): unknown {
  if (method === "getMe") return BOT_INFO;
  if (method.startsWith("send")) {
    return {
      message_id: messageId++,
      date: 0,
      chat: { id: p.chat_id, type: "private" },
      text: p.text,
    };
  }
  return true;
}

/** Answers every Bot API call at once (our adapter takes it as a transformer). */
function fakeApi(): Transformer {
  return async (_prev, method, payload) =>
    ({ ok: true, result: answer(method, payload as Record<string, unknown>) }) as never;
}

/**
 * The same, as a `fetch` (the conversations plugin builds its own API clients from the bot's
 * client options, so a transformer would not reach them).
 */
async function fakeFetch(url: string | URL, init?: { body?: unknown }): Promise<Response> {
  const method = String(url).split("/").pop() ?? "";
  const body =
    typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
  return new Response(JSON.stringify({ ok: true, result: answer(method, body) }), {
    headers: { "content-type": "application/json" },
  });
}

let updateId = 1;
function textUpdate(chat: number, text: string): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chat, type: "private", first_name: "U" },
      from: { id: chat, is_bot: false, first_name: "U", language_code: "id" },
      text,
      ...(text.startsWith("/")
        ? {
            entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 1 }],
          }
        : {}),
    },
  } as Update;
}

/** The dialogue both bots hold: start, open a menu, then walk between two menus. */
export function dialogue(turns: number): string[] {
  const texts = ["/start", "9"];
  for (let i = 0; texts.length < turns; i++)
    texts.push(i % 2 === 0 ? String((Math.floor(i / 2) % 6) + 1) : "1");
  return texts.slice(0, turns);
}

/** Milliseconds per message for `chats` dialogues of `turns` messages, through our bot. */
export async function ours(turns: number, chats: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "jr-bench-tg-"));
  try {
    const content = loadCheckedContent();
    const config = readConfig({
      LOG_LEVEL: "silent",
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: "https://bench.invalid/telegram",
      TELEGRAM_WEBHOOK_SECRET: "bench-secret-0123456789",
      FLOOD_MAX_MESSAGES: "1000000",
    });
    const log = createLogger("silent");
    const channel = telegramFromConfig(
      config,
      { log, t: translatorFor(content) },
      { limits: NO_LIMITS, botInfo: BOT_INFO, transformer: fakeApi() },
    );
    if (!channel) throw new Error("no channel");
    const app = createApp({
      config,
      log,
      channels: [channel],
      content,
      databasePath: join(dir, "ours.db"),
    });
    await channel.start(app);
    const script = dialogue(turns);
    const start = process.hrtime.bigint();
    for (let c = 0; c < chats; c++) {
      for (const text of script) await channel.bot.handleUpdate(textUpdate(10_000 + c, text));
    }
    // Receiving no longer waits on sending: the time counts until every reply has gone out.
    await app.idle();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (app.store.outbox.pending("telegram") !== 0) throw new Error("replies left undelivered");
    await app.close();
    return ms / (chats * turns);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A grammY storage adapter over better-sqlite3 (one row per conversation key). */
class SqliteAdapter<T> implements StorageAdapter<T> {
  private readonly get;
  private readonly put;
  private readonly del;
  constructor(db: Database.Database) {
    db.exec("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    this.get = db.prepare<[string], { value: string }>("SELECT value FROM kv WHERE key = ?");
    this.put = db.prepare<[string, string]>(
      "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    this.del = db.prepare<[string]>("DELETE FROM kv WHERE key = ?");
  }
  read(key: string): T | undefined {
    const row = this.get.get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }
  write(key: string, value: T): void {
    this.put.run(key, JSON.stringify(value));
  }
  delete(key: string): void {
    this.del.run(key);
  }
}

type Ctx = ConversationFlavor<Context>;

/** Milliseconds per message for the same dialogues, written with @grammyjs/conversations. */
export async function withConversations(turns: number, chats: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "jr-bench-conv-"));
  const db = new Database(join(dir, "conversations.db"));
  db.pragma("journal_mode = WAL");
  try {
    const bot = new Bot<Ctx>(TOKEN, { botInfo: BOT_INFO, client: { fetch: fakeFetch as never } });
    bot.use(
      conversations({ storage: { type: "key", version: 0, adapter: new SqliteAdapter(db) } }),
    );
    // The idiomatic shape: one function holding the whole dialogue, each step awaiting a reply.
    async function talk(conversation: Conversation<Ctx, Context>, ctx: Context) {
      await ctx.reply(
        "Silakan pilih menu dengan mengetik nomornya:\n1. Cara resmi\n2. Dokumen\n9. Kontak",
      );
      for (let i = 1; i < turns; i++) {
        const answer = await conversation.waitFor("message:text");
        const pick = answer.message.text.trim();
        await answer.reply(
          `Pilihan ${pick}. Apa lagi yang Anda perlukan?\n1. Kontak lain\n2. Menu utama`,
        );
      }
    }
    bot.use(createConversation(talk, "talk"));
    bot.command("start", (ctx) => ctx.conversation.enter("talk"));
    await bot.init();
    const script = dialogue(turns);
    const start = process.hrtime.bigint();
    for (let c = 0; c < chats; c++) {
      for (const text of script) await bot.handleUpdate(textUpdate(20_000 + c, text));
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return ms / (chats * turns);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
