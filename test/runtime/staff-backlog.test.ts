/**
 * Receiving never waits on sending: while the Telegram staff group has cards held back (as its
 * rate limit does, twenty a minute), a new user still gets their answer at once; and stopping
 * does not wait out the limit, it leaves the held cards for the next start. Real grammY against
 * the fake Bot API; the staff group's sends are held by a gate the test opens, or by the real
 * limit, so nothing here depends on how fast the machine is.
 */
import Database from "better-sqlite3";
import type { Transformer } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TELEGRAM_LIMITS } from "../../src/channels/telegram/throttle.ts";
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
let bot: TelegramTestBot | undefined;

beforeEach(async () => {
  fake = await FakeBotApi.start();
  db = tempDatabase();
  gate = new Gate(STAFF);
});

afterEach(async () => {
  gate.open();
  await bot?.stop();
  bot = undefined;
  await fake.close();
  db.cleanup();
});

const env = { STAFF_TELEGRAM_CHAT_ID: String(STAFF) };

describe("a staff group held back by its rate limit", () => {
  it("keeps no one else waiting: a new user is answered while the cards still wait", async () => {
    const running = await startTelegramBot(fake, {
      databasePath: db.path,
      env,
      channel: { transformer: gate.transformer },
    });
    bot = running;
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
    expect(running.app.store.outbox.pending("telegram")).toBeGreaterThan(0);

    // Once the limit lets it through, the card goes out; nothing was lost or sent twice.
    gate.open();
    await eventually(() => running.app.store.outbox.pending("telegram") === 0);
    const cards = fake.sentTo(STAFF);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards[0]?.text).toContain("JR-");
    expect(new Set(cards.map((c) => c.text)).size).toBe(cards.length);
  });

  it("is not waited out when the bot stops: what the limit holds is sent after the restart", async () => {
    const limited = { channel: { limits: TELEGRAM_LIMITS } };
    const first = await startTelegramBot(fake, { databasePath: db.path, env, ...limited });
    // One more than the group's twenty a minute: the last waits for the next minute.
    const cards = Array.from({ length: TELEGRAM_LIMITS.group.max + 1 }, (_, i) => `Kartu ${i}`);
    for (const text of cards) {
      first.app.store.outbox.add(
        { userId: null, channel: "telegram", address: String(STAFF), message: { text } },
        Date.now(),
      );
    }
    first.app.delivery.wake("telegram");
    await fake.waitForSent(STAFF, TELEGRAM_LIMITS.group.max);
    // Without giving up on the wait, this would take the rest of the minute (past the test's
    // time limit).
    await first.stop();
    expect(fake.sentTo(STAFF).map((m) => m.text)).toEqual(cards.slice(0, -1));
    const check = new Database(db.path, { readonly: true });
    const held = check
      .prepare("SELECT attempts FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
      .pluck()
      .all();
    check.close();
    // Left for the next start, without counting an attempt.
    expect(held).toEqual([0]);

    bot = await startTelegramBot(fake, { databasePath: db.path, env, ...limited });
    await fake.waitForSent(STAFF, cards.length);
    expect(fake.sentTo(STAFF).map((m) => m.text)).toEqual(cards);
  });
});
