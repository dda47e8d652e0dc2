/**
 * The console's forms and the Telegram card buttons are two ways into the same staff command
 * handlers: a case taken with the "Ambil" button (real grammY against the fake Bot API) and a case
 * taken with the console's form (over HTTP, signed in with a `/masuk` link from the same group)
 * leave the same audit row, case state and notices.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InlineKeyboardButton } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp, loadCheckedContent } from "../../src/app.ts";
import type { TelegramChannel } from "../../src/channels/telegram/channel.ts";
import { telegramFromConfig } from "../../src/channels/telegram/from-config.ts";
import { NO_LIMITS } from "../../src/channels/telegram/throttle.ts";
import { serveConsole } from "../../src/console/serve.ts";
import { translatorFor } from "../../src/content.ts";
import { HttpServer } from "../../src/http/server.ts";
import { quietLog, seeded, testConfig } from "../helpers/app.ts";
import { FakeBotApi, type Sent } from "../helpers/fake-bot-api.ts";
import { eventually, FAST_POLICY } from "../helpers/telegram.ts";
import { Browser, hidden } from "../helpers/web.ts";

const STAFF_CHAT = -1001234567890;
const STAFF_MEMBER = 4242;

let fake: FakeBotApi;
let app: App;
let telegram: TelegramChannel;
let http: HttpServer;
let url: string;
let dir: string;

beforeAll(async () => {
  fake = await FakeBotApi.start();
  dir = mkdtempSync(join(tmpdir(), "jr-registry-"));
  mkdirSync(join(dir, "media"));
  const content = loadCheckedContent();
  const config = testConfig({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    STAFF_TELEGRAM_CHAT_ID: String(STAFF_CHAT),
    STAFF_TELEGRAM_IDS: String(STAFF_MEMBER),
    HTTP_HOST: "127.0.0.1",
    PORT: "0",
    WEB_CHAT_ENABLED: "false",
  });
  const tg = telegramFromConfig(
    config,
    { log: quietLog, t: translatorFor(content) },
    { limits: NO_LIMITS },
  );
  if (!tg) throw new Error("Telegram should be on");
  telegram = tg;
  app = createApp({
    config,
    log: quietLog,
    channels: [telegram],
    content,
    databasePath: join(dir, "bot.db"),
    policy: FAST_POLICY,
    random: seeded(23),
  });
  http = new HttpServer({ host: "127.0.0.1", port: 0, log: quietLog });
  serveConsole(http, app, config, { log: quietLog, mediaDir: join(dir, "media") });
  url = `http://127.0.0.1:${await http.listen()}`;
  app.consoleLinks.setLocalBase(url);
  app.start();
  await telegram.start(app);
});

afterAll(async () => {
  const closing = http.close();
  await app.close();
  await closing;
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A Telegram user asks staff a question; returns the case and its card in the staff group. */
async function openCase(reporter: number): Promise<{ ref: string; card: Sent }> {
  for (const [text, replies] of [
    ["halo", 2],
    ["petugas", 1],
  ] as const) {
    const since = fake.sent.length;
    fake.userText(reporter, text, { lang: "id" });
    await fake.waitForSent(reporter, replies, since);
  }
  fake.userText(reporter, "Bagaimana cara cek PT resmi?");
  const ref = await eventually(
    () => /JR-[2-9A-Z]{4,6}/.exec(fake.sentTo(reporter).at(-1)?.text ?? "")?.[0],
  );
  const card = await eventually(() =>
    fake.sentTo(STAFF_CHAT).find((m) => m.text?.includes(ref) && m.replyMarkup),
  );
  return { ref, card };
}

/** The staff member taps a button under a message in the staff group. */
function tap(messageId: number, button: InlineKeyboardButton | undefined): void {
  if (!button || !("callback_data" in button)) throw new Error("not a callback button");
  fake.groupTap(STAFF_CHAT, STAFF_MEMBER, messageId, button.callback_data);
}

/** Signs a browser in with a `/masuk` link the staff member asks for in the group. */
async function signIn(): Promise<Browser> {
  fake.groupMessage(STAFF_CHAT, STAFF_MEMBER, { text: "/masuk" });
  const link = await eventually(
    () => /https?:\/\/\S+\/masuk\/[\w-]{43}/.exec(fake.sentTo(STAFF_CHAT).at(-1)?.text ?? "")?.[0],
  );
  const browser = new Browser(url);
  const page = await browser.get(link);
  const done = await browser.post(link, { _csrf: hidden(page.text, "_csrf") ?? "" });
  if (done.status !== 303) throw new Error(`sign-in answered ${done.status}`);
  return browser;
}

const claims = (ref: string) =>
  app.store.audit
    .latest(200)
    .filter((a) => a.target === ref && a.action === "case.status")
    .map(({ actor, action, data }) => ({ actor, action, data }));

describe("one registry for the console and the card buttons", () => {
  it("taking a case by its button or by the console's form is the same command", async () => {
    const byButton = await openCase(5101);
    const byForm = await openCase(5102);

    const [take, close] = byButton.card.replyMarkup?.inline_keyboard.flat() ?? [];
    expect([take?.text, close?.text]).toEqual(["1. Ambil", "2. Tutup"]);
    tap(byButton.card.messageId, take);
    await eventually(() => app.store.cases.byRef(byButton.ref)?.status === "claimed");

    const browser = await signIn();
    const page = await browser.get(`/console/kasus/${byForm.ref}`);
    const posted = await browser.post(`/console/kasus/${byForm.ref}/ambil`, {
      _csrf: hidden(page.text, "_csrf") ?? "",
    });
    expect(posted.status).toBe(303);
    // Only the page's own forms are commands; a name every object has is none of them.
    for (const form of ["constructor", "toString", "__proto__", "tutup"]) {
      const csrf = hidden(page.text, "_csrf") ?? "";
      expect(
        (await browser.post(`/console/kasus/${byForm.ref}/${form}`, { _csrf: csrf })).status,
      ).toBe(404);
    }

    const expected = [
      { actor: `telegram:${STAFF_MEMBER}`, action: "case.status", data: { status: "claimed" } },
    ];
    expect(claims(byButton.ref)).toEqual(expected);
    expect(claims(byForm.ref)).toEqual(expected);
    for (const { ref } of [byButton, byForm]) {
      expect(app.store.cases.byRef(ref)).toMatchObject({
        status: "claimed",
        assignee: `telegram:${STAFF_MEMBER}`,
      });
      await eventually(() =>
        fake
          .sentTo(STAFF_CHAT)
          .some((m) => m.text === `✅ ${ref} diambil oleh Staf ${STAFF_MEMBER}.`),
      );
    }
    for (const [reporter, ref] of [
      [5101, byButton.ref],
      [5102, byForm.ref],
    ] as const) {
      await eventually(() =>
        fake
          .sentTo(reporter)
          .some((m) => m.text === `Kabar laporan ${ref}: sedang ditangani petugas.`),
      );
    }
  });

  it("a button on an old card still works, and one no card of ours has gets the help", async () => {
    const { ref, card } = await openCase(5103);
    // The "Tutup" button as posted on every card so far: `:tutup JR-…`.
    tap(card.messageId, { text: "Tutup", callback_data: `:tutup ${ref}` });
    await eventually(() => app.store.cases.byRef(ref)?.status === "closed");
    const before = fake.sentTo(STAFF_CHAT).length;
    tap(card.messageId, { text: "?", callback_data: ":hapus semua" });
    const help = await eventually(() =>
      fake
        .sentTo(STAFF_CHAT)
        .slice(before)
        .find((m) => m.text?.startsWith("Perintah petugas:")),
    );
    expect(help.text).toContain("/ambil JR-XXXX");
  });
});
