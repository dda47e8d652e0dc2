/**
 * Receiving never waits on sending: while the Telegram staff group has cards held back (as its
 * rate limit does, twenty a minute), a new user still gets their answer at once. Real grammY
 * against the fake Bot API; the staff group's sends are held by a gate the test opens, so
 * nothing here depends on how fast the machine is.
 */
import type { Transformer } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeBotApi } from "../helpers/fake-bot-api.ts";
import {
  eventually,
  startTelegramBot,
  type TelegramTestBot,
  tempDatabase,
} from "../helpers/telegram.ts";

const STAFF = -1001234567890;
const REPORTER = 4101;
const NEWCOMER = 4102;

/** Holds every send to one chat until opened, the way a rate limit holds them. */
class Gate {
  held = 0;
  private opened = false;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly chatId: number) {}

  readonly transformer: Transformer = async (prev, method, payload, signal) => {
    const chat = (payload as { chat_id?: unknown }).chat_id;
    if (method.startsWith("send") && String(chat) === String(this.chatId) && !this.opened) {
      this.held++;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    return prev(method, payload, signal);
  };

  open(): void {
    this.opened = true;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

let fake: FakeBotApi;
let db: ReturnType<typeof tempDatabase>;
let gate: Gate;
let bot: TelegramTestBot;

beforeEach(async () => {
  fake = await FakeBotApi.start();
  db = tempDatabase();
  gate = new Gate(STAFF);
  bot = await startTelegramBot(fake, {
    databasePath: db.path,
    env: { STAFF_TELEGRAM_CHAT_ID: String(STAFF) },
    channel: { transformer: gate.transformer },
  });
});

afterEach(async () => {
  gate.open();
  await bot.stop();
  await fake.close();
  db.cleanup();
});

describe("a staff group held back by its rate limit", () => {
  it("keeps no one else waiting: a new user is answered while the cards still wait", async () => {
    // A reporter opens a case: its card for the staff group is held at the gate.
    for (const text of ["halo", "petugas", "Anak saya tidak bisa dihubungi di Malaysia"]) {
      const since = fake.sent.length;
      fake.userText(REPORTER, text);
      await fake.waitForSent(REPORTER, 1, since);
    }
    await eventually(() => gate.held > 0);

    const since = fake.sent.length;
    fake.userText(NEWCOMER, "halo");
    const answer = await fake.waitForSent(NEWCOMER, 1, since);
    expect(answer[0]?.text).toContain("Jalur Resmi");
    // Answered while the card was still held: nothing reached the staff group yet.
    expect(fake.sentTo(STAFF)).toEqual([]);
    expect(bot.app.store.outbox.pending("telegram")).toBeGreaterThan(0);

    // Once the limit lets it through, the card goes out; nothing was lost or sent twice.
    gate.open();
    await eventually(() => bot.app.store.outbox.pending("telegram") === 0);
    const cards = fake.sentTo(STAFF);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards[0]?.text).toContain("JR-");
    expect(new Set(cards.map((c) => c.text)).size).toBe(cards.length);
  });
});
