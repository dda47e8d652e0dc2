/**
 * A bot with its HTTP server (web chat and staff console) on 127.0.0.1, a Telegram staff group
 * recorded in memory, and a clock tests can move forward. Also a tiny cookie-keeping HTTP client.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, botTranslator, createApp, loadCheckedContent } from "../../src/app.ts";
import type { Channel } from "../../src/channels/channel.ts";
import type { WebChatChannel } from "../../src/channels/web/channel.ts";
import { type WebChatOverrides, webChatFromConfig } from "../../src/channels/web/from-config.ts";
import { serveConsole } from "../../src/console/serve.ts";
import type { Content } from "../../src/content.ts";
import { HttpServer } from "../../src/http/server.ts";
import { LOCAL_OPERATORS, StaffDirectory } from "../../src/staff/directory.ts";
import { openDatabase } from "../../src/store/db.ts";
import { Store } from "../../src/store/store.ts";
import { quietLog, testConfig } from "./app.ts";
import { RecorderChannel } from "./recorder.ts";

/** The recorded Telegram staff group and its one staff member. */
export const STAFF_CHAT = "-1001";
export const STAFF_ID = "111";

let content: Content | undefined;

/** A running bot with its web server. */
export interface WebBot {
  app: App;
  url: string;
  web: WebChatChannel | undefined;
  telegram: RecorderChannel;
  dir: string;
  mediaDir: string;
  /** Moves the bot's clock forward. */
  advance(ms: number): void;
  /** Asks for a sign-in link in the staff group, as `sender`; returns the link (or the reply). */
  masuk(sender?: string, name?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts a {@link WebBot}; `env` overrides configuration variables, `limits` the web chat's
 * built-in caps (so tests reach them quickly).
 */
export async function webBot(
  env: Record<string, string> = {},
  limits: Pick<WebChatOverrides, "polls" | "uploads"> = {},
): Promise<WebBot> {
  const dir = mkdtempSync(join(tmpdir(), "jr-web-"));
  const mediaDir = join(dir, "media");
  mkdirSync(mediaDir);
  let offset = 0;
  const clock = () => Date.now() + offset;
  const telegram = new RecorderChannel("telegram");
  const config = testConfig({ HTTP_HOST: "127.0.0.1", PORT: "0", ...env });
  content ??= loadCheckedContent();
  // Built as main.ts builds it: the database, the HTTP server with the web chat, the app, the
  // console.
  const store = new Store(openDatabase(join(dir, "bot.db")));
  const http = new HttpServer({ host: "127.0.0.1", port: 0, log: quietLog });
  const web = webChatFromConfig(
    config,
    { log: quietLog, t: botTranslator(content, quietLog), store, http, clock },
    { mediaDir, ...limits },
  );
  const channels: Channel[] = web ? [telegram, web] : [telegram];
  const app = createApp({
    config,
    log: quietLog,
    channels,
    content,
    clock,
    store,
    directory: new StaffDirectory(
      [{ channel: "telegram", address: STAFF_CHAT }],
      new Map([["telegram", new Set([STAFF_ID])]]),
      // As configured for real: operators with links from `npm run console:link`.
      new Set([LOCAL_OPERATORS]),
    ),
  });
  serveConsole(http, app, config, { log: quietLog, clock, mediaDir });
  const port = await http.listen();
  const url = `http://127.0.0.1:${port}`;
  app.consoleLinks.setLocalBase(url);
  await web?.start(app);
  return {
    app,
    url,
    web,
    telegram,
    dir,
    mediaDir,
    advance(ms) {
      offset += ms;
    },
    async masuk(sender = STAFF_ID, name = "Bu Rina") {
      await app.receiveStaff({
        channel: "telegram",
        chat: STAFF_CHAT,
        sender,
        senderName: name,
        messageId: randomUUID(),
        text: "/masuk",
      });
      const text = telegram.to(STAFF_CHAT).at(-1)?.message.text ?? "";
      return /https?:\/\/\S+\/masuk\/[\w-]{43}/.exec(text)?.[0] ?? text;
    },
    async close() {
      await web?.stop();
      const closing = http.close();
      await app.close();
      await closing;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A response with its body read. */
export interface Got {
  status: number;
  headers: Headers;
  text: string;
}

/** An HTTP client that keeps cookies (like one browser) and does not follow redirects. */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Got> {
    return this.request(path, { method: "GET", headers });
  }

  /** Posts a form (URL-encoded). */
  async post(
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Got> {
    return this.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Posts a multipart form (with files). */
  async multipart(path: string, form: FormData): Promise<Got> {
    return this.request(path, { method: "POST", headers: {}, body: form });
  }

  /** Posts JSON. */
  async json(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Got> {
    return this.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  }

  private async request(
    path: string,
    init: { method: string; headers: Record<string, string>; body?: string | FormData },
  ): Promise<Got> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await fetch(path.startsWith("http") ? path : `${this.base}${path}`, {
      ...init,
      headers: { ...init.headers, ...(cookie ? { cookie } : {}) },
      redirect: "manual",
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair = ""] = set.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === "" || /max-age=0/i.test(set)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, headers: response.headers, text: await response.text() };
  }
}

/** The value of a hidden form field in a page (the first one with that name). */
export function hidden(page: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1];
}

/** Opens a case through the web chat as a new visitor; returns the visitor and the reference. */
export async function webCase(
  bot: WebBot,
  question = "Anak saya hilang kontak di Malaysia",
): Promise<{ visitor: Browser; ref: string }> {
  const visitor = new Browser(bot.url);
  await visitor.get("/chat");
  for (const text of ["halo", "petugas", question]) {
    const sent = await visitor.post("/chat", { text, mid: randomUUID() });
    if (sent.status !== 303) throw new Error(`chat POST answered ${sent.status}`);
  }
  const page = await visitor.get("/chat");
  const ref = /JR-[2-9A-Z]{4,6}/.exec(page.text)?.[0];
  if (!ref) throw new Error("no case reference in the chat");
  return { visitor, ref };
}

/** Signs a browser in as staff through a fresh `/masuk` link. */
export async function signIn(bot: WebBot, browser = new Browser(bot.url)): Promise<Browser> {
  const link = await bot.masuk();
  const page = await browser.get(link);
  const csrf = hidden(page.text, "_csrf");
  const done = await browser.post(link, { _csrf: csrf ?? "" });
  if (done.status !== 303) throw new Error(`sign-in answered ${done.status}`);
  return browser;
}
