/**
 * A local stand-in for the Telegram Bot API, so tests run the real grammY stack over real HTTP
 * without any network. It keeps an update queue with long polling, records everything the bot
 * sends, checks the limits Telegram checks (text and caption length, callback data size), and
 * can be told to fail: a 429 with `retry_after`, a 403 from a user who blocked the bot, or a
 * dropped connection. Unknown methods get a 400, so unexpected calls fail loudly.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  BotCommand,
  CallbackQuery,
  InlineKeyboardMarkup,
  Message,
  Update,
  UserFromGetMe,
} from "grammy/types";

/** A message the bot sent (or edited). */
export interface Sent {
  method: string;
  chatId: string;
  messageId: number;
  text?: string;
  caption?: string;
  replyMarkup?: InlineKeyboardMarkup;
  threadId?: number;
  /** The file sent: a file id, or `upload:<name>` for an uploaded file. */
  file?: string;
  /** ms since the epoch, when the fake received it. */
  at: number;
}

/** A call the bot made. */
export interface Call {
  method: string;
  payload: Record<string, unknown>;
  at: number;
}

/** How an injected failure looks. */
export type Failure =
  | { code: number; description: string; retryAfter?: number; migrateTo?: number }
  | "network";

interface PendingFailure {
  method: string;
  chatId?: string;
  failure: Failure;
  times: number;
  skip: number;
}

interface StoredMessage {
  chatId: string;
  messageId: number;
  text?: string;
  caption?: string;
  replyMarkup?: InlineKeyboardMarkup;
}

const MEDIA_METHODS: Record<string, string> = {
  sendPhoto: "photo",
  sendDocument: "document",
  sendVoice: "voice",
  sendVideo: "video",
  sendAudio: "audio",
};

class ApiFailure extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, number>,
  ) {
    super(description);
  }
}

const bad = (description: string) => new ApiFailure(400, `Bad Request: ${description}`);

/** Options for a user's message. */
export interface UserOptions {
  lang?: string;
  firstName?: string;
}

/** The bot's identity in tests and benchmarks (what `getMe` answers). */
export const TEST_BOT_INFO: UserFromGetMe = {
  id: 123456,
  is_bot: true,
  first_name: "Jalur Resmi",
  username: "jalur_resmi_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export class FakeBotApi {
  readonly token = "123456:TEST-fake-token";
  readonly botInfo: UserFromGetMe = TEST_BOT_INFO;
  /** The Bot API root to give grammY (no trailing slash). */
  url = "";
  readonly sent: Sent[] = [];
  readonly calls: Call[] = [];
  /** The command lists set, by language code ("" for the default). */
  readonly commands = new Map<string, BotCommand[]>();
  webhook: { url: string; secret?: string } | undefined;

  private server: Server | undefined;
  private readonly updates: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private nextQueryId = 1;
  private offset = 0;
  private readonly pollers = new Set<() => void>();
  private readonly watchers = new Set<() => void>();
  private readonly failures: PendingFailure[] = [];
  private readonly blocked = new Set<string>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly files = new Map<string, { path: string; bytes: Buffer }>();
  private closed = false;

  /** Starts a fake on 127.0.0.1 on a free port. */
  static async start(): Promise<FakeBotApi> {
    const fake = new FakeBotApi();
    await fake.listen();
    return fake;
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        console.error("fake Bot API failed:", err);
        if (!res.headersSent) res.writeHead(500);
        res.end(String(err));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Stops the server, ending held long polls. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.pollers) wake();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  // --- what users do -------------------------------------------------------------------

  /** A user writes `text` in their private chat with the bot; returns the message id. */
  userText(chatId: number, text: string, options: UserOptions = {}): number {
    return this.userMessage(chatId, { text }, options);
  }

  /** A user sends a photo (a file the fake can serve through getFile). */
  userPhoto(chatId: number, options: UserOptions & { caption?: string } = {}): number {
    const fileId = this.addFile("photos/file_1.jpg", randomBytes(2048));
    return this.userMessage(
      chatId,
      {
        photo: [
          {
            file_id: `${fileId}-small`,
            file_unique_id: "s",
            width: 90,
            height: 90,
            file_size: 300,
          },
          { file_id: fileId, file_unique_id: fileId, width: 1280, height: 960, file_size: 2048 },
        ],
        ...(options.caption ? { caption: options.caption } : {}),
      },
      options,
    );
  }

  /** A user sends any message content (a sticker, a location …); returns its message id. */
  userMessage(chatId: number, content: Partial<Message>, options: UserOptions = {}): number {
    const messageId = this.nextMessageId++;
    const message = {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: options.firstName ?? `User${chatId}` },
      from: this.user(chatId, options),
      ...content,
    } as Message;
    this.enqueue({ update_id: this.nextUpdateId++, message } as Update);
    return messageId;
  }

  /** A user taps the button with `data` under the bot's message `messageId`. */
  userTap(chatId: number, messageId: number, data: string, options: UserOptions = {}): string {
    const stored = this.messages.get(`${chatId}:${messageId}`);
    const id = String(this.nextQueryId++);
    const query = {
      id,
      from: this.user(chatId, options),
      chat_instance: `ci${chatId}`,
      data,
      message: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "private", first_name: `User${chatId}` },
        from: { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name },
        ...(stored?.text !== undefined ? { text: stored.text } : {}),
        ...(stored?.replyMarkup ? { reply_markup: stored.replyMarkup } : {}),
      },
    } as CallbackQuery;
    this.enqueue({ update_id: this.nextUpdateId++, callback_query: query });
    return id;
  }

  /** Someone taps the button with `data` under the bot's message `messageId` in a group chat. */
  groupTap(chatId: number, fromId: number, messageId: number, data: string): string {
    const id = String(this.nextQueryId++);
    const query = {
      id,
      from: { id: fromId, is_bot: false, first_name: "Staf", last_name: `${fromId}` },
      chat_instance: `ci${chatId}`,
      data,
      message: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "supergroup", title: "Staff" },
      },
    } as CallbackQuery;
    this.enqueue({ update_id: this.nextUpdateId++, callback_query: query });
    return id;
  }

  /** Someone writes in a group chat. */
  groupMessage(
    chatId: number,
    fromId: number,
    content: Partial<Message>,
    options: { replyTo?: number; threadId?: number } = {},
  ): number {
    const messageId = this.nextMessageId++;
    const message = {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "supergroup", title: "Staff" },
      from: { id: fromId, is_bot: false, first_name: "Staf", last_name: `${fromId}` },
      ...(options.threadId !== undefined
        ? { message_thread_id: options.threadId, is_topic_message: true }
        : {}),
      ...(options.replyTo !== undefined
        ? {
            reply_to_message: {
              message_id: options.replyTo,
              date: 0,
              chat: { id: chatId, type: "supergroup", title: "Staff" },
            },
          }
        : {}),
      ...content,
    } as Message;
    this.enqueue({ update_id: this.nextUpdateId++, message } as Update);
    return messageId;
  }

  /** Queues any update. */
  enqueue(update: Update): void {
    this.updates.push(update);
    for (const wake of this.pollers) wake();
  }

  private user(chatId: number, options: UserOptions) {
    return {
      id: chatId,
      is_bot: false,
      first_name: options.firstName ?? `User${chatId}`,
      ...(options.lang ? { language_code: options.lang } : {}),
    };
  }

  /** Registers a file the bot can download; returns its file id. */
  addFile(path: string, bytes: Buffer): string {
    const fileId = `F${randomBytes(6).toString("hex")}`;
    this.files.set(fileId, { path, bytes });
    return fileId;
  }

  // --- what tests arrange ---------------------------------------------------------------

  /**
   * The next `times` calls of `method` (to `chatId`, if given) fail this way, after letting
   * `skip` calls through.
   */
  failNext(
    method: string,
    failure: Failure,
    options: { chatId?: number; times?: number; skip?: number } = {},
  ) {
    this.failures.push({
      method,
      failure,
      times: options.times ?? 1,
      skip: options.skip ?? 0,
      ...(options.chatId !== undefined ? { chatId: String(options.chatId) } : {}),
    });
  }

  /** The user blocks the bot: every send to them gets a 403 from now on. */
  block(chatId: number): void {
    this.blocked.add(String(chatId));
  }

  // --- what tests observe ---------------------------------------------------------------

  /** Messages sent to a chat, from position `since` of {@link sent} on. */
  sentTo(chatId: number, since = 0): Sent[] {
    return this.sent.slice(since).filter((s) => s.chatId === String(chatId));
  }

  /** Calls of one method. */
  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** True when no update is waiting to be fetched or confirmed. */
  get drained(): boolean {
    return this.updates.every((u) => u.update_id < this.offset);
  }

  /** Waits until `check` returns something. */
  async waitFor<T>(
    check: () => T | undefined | false,
    timeoutMs = 8_000,
    what = "condition",
  ): Promise<T> {
    const first = check();
    if (first) return first;
    return await new Promise<T>((resolve, reject) => {
      // Re-checked on every API call, and every 25 ms for conditions that depend on time.
      const tick = setInterval(() => watch(), 25);
      const timer = setTimeout(() => {
        clearInterval(tick);
        this.watchers.delete(watch);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const watch = () => {
        const value = check();
        if (!value) return;
        clearTimeout(timer);
        clearInterval(tick);
        this.watchers.delete(watch);
        resolve(value);
      };
      this.watchers.add(watch);
    });
  }

  /** Waits until at least `count` messages went to `chatId` after position `since`. */
  waitForSent(chatId: number, count: number, since = 0, timeoutMs = 8_000): Promise<Sent[]> {
    return this.waitFor(
      () => {
        const list = this.sentTo(chatId, since);
        return list.length >= count ? list : undefined;
      },
      timeoutMs,
      `${count} message(s) to ${chatId}`,
    );
  }

  // --- the HTTP side --------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      const found = [...this.files.values()].find((f) => f.path === file[2]);
      if (file[1] !== this.token || !found) res.writeHead(404).end("not found");
      else res.writeHead(200, { "content-type": "application/octet-stream" }).end(found.bytes);
      return;
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) {
      res
        .writeHead(404)
        .end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
      return;
    }
    if (m[1] !== this.token) {
      this.reply(res, { ok: false, error_code: 401, description: "Unauthorized" });
      return;
    }
    const method = m[2] as string;
    const payload = await readPayload(req);
    this.calls.push({ method, payload, at: Date.now() });
    this.notify();
    try {
      const failure = this.takeFailure(method, payload);
      if (failure === "network") {
        req.socket.destroy();
        return;
      }
      if (failure) {
        const parameters = {
          ...(failure.retryAfter !== undefined ? { retry_after: failure.retryAfter } : {}),
          ...(failure.migrateTo !== undefined ? { migrate_to_chat_id: failure.migrateTo } : {}),
        };
        throw new ApiFailure(failure.code, failure.description, parameters);
      }
      const result = await this.handle(method, payload, req);
      this.reply(res, { ok: true, result });
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this.reply(res, {
        ok: false,
        error_code: err.code,
        description: err.description,
        ...(err.parameters && Object.keys(err.parameters).length
          ? { parameters: err.parameters }
          : {}),
      });
    } finally {
      this.notify();
    }
  }

  private notify(): void {
    for (const watch of [...this.watchers]) watch();
  }

  private reply(res: ServerResponse, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  private takeFailure(method: string, payload: Record<string, unknown>): Failure | undefined {
    const chatId = payload.chat_id === undefined ? undefined : String(payload.chat_id);
    const index = this.failures.findIndex(
      (f) => f.method === method && (f.chatId === undefined || f.chatId === chatId),
    );
    const found = this.failures[index];
    if (!found) return undefined;
    if (found.skip > 0) {
      found.skip--;
      return undefined;
    }
    if (--found.times <= 0) this.failures.splice(index, 1);
    return found.failure;
  }

  private async handle(
    method: string,
    p: Record<string, unknown>,
    req: IncomingMessage,
  ): Promise<unknown> {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "deleteWebhook":
        this.webhook = undefined;
        return true;
      case "setWebhook":
        this.webhook = {
          url: String(p.url),
          ...(p.secret_token ? { secret: String(p.secret_token) } : {}),
        };
        return true;
      case "getUpdates":
        return await this.getUpdates(p, req);
      case "setMyCommands":
        this.commands.set(String(p.language_code ?? ""), p.commands as BotCommand[]);
        return true;
      case "answerCallbackQuery":
        return true;
      case "sendMessage":
        return this.send(method, p);
      case "editMessageReplyMarkup":
      case "editMessageText":
        return this.edit(method, p);
      case "getFile": {
        const file = this.files.get(String(p.file_id));
        if (!file) throw bad("invalid file_id");
        return {
          file_id: p.file_id,
          file_unique_id: String(p.file_id),
          file_size: file.bytes.length,
          file_path: file.path,
        };
      }
      default:
        if (method in MEDIA_METHODS) return this.send(method, p);
        throw bad(`method ${method} is not implemented by the fake`);
    }
  }

  private async getUpdates(p: Record<string, unknown>, req: IncomingMessage): Promise<Update[]> {
    if (this.webhook) {
      throw new ApiFailure(409, "Conflict: can't use getUpdates method while webhook is active");
    }
    const offset = Number(p.offset ?? 0);
    if (offset > this.offset) this.offset = offset;
    const limit = Math.min(Number(p.limit ?? 100), 100);
    const timeout = Number(p.timeout ?? 0);
    const ready = () => this.updates.filter((u) => u.update_id >= this.offset).slice(0, limit);
    let found = ready();
    if (found.length > 0 || timeout <= 0 || this.closed) return found;
    // Long polling: hold the request until an update arrives, the timeout ends, the client
    // gives up (grammY aborts on stop) or the fake closes.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pollers.delete(done);
        req.off("close", done);
        resolve();
      };
      const timer = setTimeout(done, timeout * 1000);
      this.pollers.add(done);
      req.on("close", done);
    });
    found = ready();
    return found;
  }

  private send(method: string, p: Record<string, unknown>): Message {
    const chatId = String(p.chat_id);
    if (this.blocked.has(chatId)) {
      throw new ApiFailure(403, "Forbidden: bot was blocked by the user");
    }
    const markup = p.reply_markup as InlineKeyboardMarkup | undefined;
    checkMarkup(markup);
    const field = MEDIA_METHODS[method];
    const text = typeof p.text === "string" ? p.text : undefined;
    const caption = typeof p.caption === "string" ? p.caption : undefined;
    if (!field) {
      if (!text?.trim()) throw bad("message text is empty");
      if (text.length > 4096) throw bad("message is too long");
    } else if (caption !== undefined && caption.length > 1024) {
      throw bad("message caption is too long");
    }
    const fileValue = field ? p[field] : undefined;
    const file =
      typeof fileValue === "string"
        ? fileValue
        : fileValue
          ? `upload:${(fileValue as { name: string }).name}`
          : undefined;
    if (field && !file) throw bad(`there is no ${field} in the request`);
    if (file && !file.startsWith("upload:") && !/^F[0-9a-f]+/.test(file)) {
      throw bad("wrong file identifier/HTTP URL specified");
    }
    const messageId = this.nextMessageId++;
    const threadId = p.message_thread_id === undefined ? undefined : Number(p.message_thread_id);
    const sent: Sent = {
      method,
      chatId,
      messageId,
      at: Date.now(),
      ...(text !== undefined ? { text } : {}),
      ...(caption !== undefined ? { caption } : {}),
      ...(markup ? { replyMarkup: markup } : {}),
      ...(threadId !== undefined ? { threadId } : {}),
      ...(file ? { file } : {}),
    };
    this.sent.push(sent);
    this.messages.set(`${chatId}:${messageId}`, {
      chatId,
      messageId,
      ...(text !== undefined ? { text } : {}),
      ...(caption !== undefined ? { caption } : {}),
      ...(markup ? { replyMarkup: markup } : {}),
    });
    const numericChat = Number(chatId);
    return {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat:
        numericChat < 0
          ? { id: numericChat, type: "supergroup", title: "Staff" }
          : { id: numericChat, type: "private", first_name: "U" },
      ...(text !== undefined ? { text } : {}),
      ...(caption !== undefined ? { caption } : {}),
      ...(markup ? { reply_markup: markup } : {}),
      ...(field === "photo"
        ? { photo: [{ file_id: file, file_unique_id: "p", width: 1, height: 1 }] }
        : field
          ? { [field]: { file_id: file, file_unique_id: "f" } }
          : {}),
    } as Message;
  }

  private edit(method: string, p: Record<string, unknown>): Message | true {
    const key = `${p.chat_id}:${p.message_id}`;
    const stored = this.messages.get(key);
    if (!stored) throw bad("message to edit not found");
    const markup = p.reply_markup as InlineKeyboardMarkup | undefined;
    checkMarkup(markup);
    const text = method === "editMessageText" ? String(p.text) : stored.text;
    const sameMarkup =
      JSON.stringify(markup ?? null) === JSON.stringify(stored.replyMarkup ?? null);
    if (text === stored.text && sameMarkup) {
      throw bad(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    const next: StoredMessage = {
      chatId: stored.chatId,
      messageId: stored.messageId,
      ...(text !== undefined ? { text } : {}),
      ...(markup ? { replyMarkup: markup } : {}),
    };
    this.messages.set(key, next);
    return {
      message_id: stored.messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(stored.chatId), type: "private", first_name: "U" },
      ...(text !== undefined ? { text } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    } as Message;
  }

  /** The current keyboard of one of the bot's messages (undefined once removed). */
  keyboardOf(chatId: number, messageId: number): InlineKeyboardMarkup | undefined {
    return this.messages.get(`${chatId}:${messageId}`)?.replyMarkup;
  }
}

function checkMarkup(markup: InlineKeyboardMarkup | undefined): void {
  for (const row of markup?.inline_keyboard ?? []) {
    for (const button of row) {
      const data = "callback_data" in button ? button.callback_data : undefined;
      if (data !== undefined && (data.length === 0 || Buffer.byteLength(data) > 64)) {
        throw bad("BUTTON_DATA_INVALID");
      }
    }
  }
}

/** Reads a JSON or multipart (file upload) request body into a plain object. */
async function readPayload(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  if (body.length === 0) return {};
  if (type.startsWith("application/json")) return JSON.parse(body.toString("utf8"));
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  if (type.startsWith("multipart/form-data") && boundary) return parseMultipart(body, boundary);
  return {};
}

/**
 * A tolerant multipart/form-data reader. grammY writes part headers without spaces and with an
 * unquoted filename (`content-disposition:form-data;name="x";filename=y`), which undici's
 * strict parser refuses but Telegram accepts.
 */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // drop the CRLFs around the part
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString("utf8");
    const content = part.subarray(split + 4);
    const name = /name="([^"]+)"/i.exec(head)?.[1];
    const filename = /filename="?([^";\r\n]+)"?/i.exec(head)?.[1];
    if (name) {
      if (filename) out[name] = { name: filename, size: content.length };
      else {
        const value = content.toString("utf8");
        // grammY sends objects (reply_markup …) as JSON strings in multipart bodies.
        try {
          out[name] = /^[[{]/.test(value) ? JSON.parse(value) : value;
        } catch {
          out[name] = value;
        }
      }
    }
    at = next;
  }
  // A file field refers to its attachment as "attach://<id>".
  for (const [key, value] of Object.entries(out)) {
    const ref = typeof value === "string" ? /^attach:\/\/(.+)$/.exec(value) : null;
    if (ref) out[key] = out[ref[1] as string] ?? value;
  }
  return out;
}
