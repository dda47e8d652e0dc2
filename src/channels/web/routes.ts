/**
 * The web chat's HTTP routes: the page (`/chat`, also the no-JavaScript form target), the JSON
 * endpoints its script uses, its static files and the embeddable snippet. Requests are checked
 * before their bodies are read: a post from another site, without an issued visitor cookie, or
 * announcing a body larger than allowed is answered at once and its connection closed.
 */
import { randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import type { Translator } from "../../engine/deps.ts";
import { isLang, type Lang } from "../../engine/types.ts";
import { clientIp } from "../../http/client-ip.ts";
import { boundaryOf, MultipartError, readMultipart } from "../../http/multipart.ts";
import { securityHeaders } from "../../http/security.ts";
import type { HttpServer } from "../../http/server.ts";
import { rememberEntry, takeEntry } from "../../outreach/web-entry.ts";
import { MAX_TEXT, type WebChatChannel, type WebInput } from "./channel.ts";
import { CHAT_JS, embedJs } from "./client.ts";
import { type ChatT, chatPage } from "./page.ts";
import { addressOf, CHAT_COOKIE, CHAT_COOKIE_DAYS, type VisitorIds } from "./session.ts";
import { CHAT_CSS } from "./style.ts";
import type { Upload, UploadRefusal, Uploads } from "./upload.ts";

/** What the routes need. */
export interface WebChatRouteOptions {
  channel: WebChatChannel;
  t: Translator;
  defaultLang: Lang;
  /** https: the cookie becomes Secure. */
  secure: boolean;
  /** Read the client's IP from `X-Forwarded-For` (behind a reverse proxy). */
  trustProxy: boolean;
  /** The public origin for the snippet; without it the snippet uses its own address. */
  publicUrl?: string | undefined;
  /** Issues and checks visitor cookies. */
  visitors: VisitorIds;
  /** Files visitors send, and the largest one. */
  uploads: Uploads;
  maxFileBytes: number;
}

const LANG_COOKIE = "jr_lang";
/** How long a poll waits for news before answering "nothing yet". */
const POLL_MS = 25_000;
/** How long a browser waits before polling again after a "busy" answer. */
const BUSY_RETRY_MS = 15_000;
/** A form without a file, or the fields around one. */
const FORM_BYTES = 64 * 1024;

/** The notice shown for each refused file. */
const REFUSAL_NOTICE: Record<UploadRefusal, string> = {
  not_now: "file_not_now",
  daily_limit: "file_daily_limit",
  unsupported: "file_unsupported",
  mismatch: "file_mismatch",
  too_large: "file_too_large",
  full: "file_full",
  failed: "file_failed",
};

/** Adds the web chat's routes to the HTTP server. */
export function mountWebChat(http: HttpServer, options: WebChatRouteOptions): void {
  const { channel, secure, uploads } = options;
  const web = new Hono();
  const headers = securityHeaders();

  const langOf = (c: Context): Lang => {
    const chosen = c.req.query("lang");
    if (isLang(chosen)) {
      setCookie(c, LANG_COOKIE, chosen, {
        path: "/",
        sameSite: "Lax",
        secure,
        maxAge: CHAT_COOKIE_DAYS * 86_400,
      });
      return chosen;
    }
    const saved = getCookie(c, LANG_COOKIE);
    return isLang(saved) ? saved : options.defaultLang;
  };
  const textsFor =
    (lang: Lang): ChatT =>
    (key) =>
      options.t(lang, `webchat.${key}`);
  /**
   * The visitor behind the request: only a cookie the server issued counts. With `create`, a
   * request without one becomes a new visitor (counted against its IP address).
   */
  const visitor = (c: Context, create: boolean) => {
    const ip = clientIp(c, options.trustProxy);
    let id = options.visitors.check(getCookie(c, CHAT_COOKIE));
    if (!id) {
      if (!create || !channel.admit(ip)) return undefined;
      const value = options.visitors.issue();
      id = options.visitors.check(value) as string;
      setCookie(c, CHAT_COOKIE, value, {
        path: "/chat",
        httpOnly: true,
        sameSite: "Lax",
        secure,
        maxAge: CHAT_COOKIE_DAYS * 86_400,
      });
    }
    return { address: addressOf(id), ip, lang: langOf(c) };
  };
  /** Browsers say where a POST came from; one from another site is refused. */
  const sameOrigin = (c: Context) => {
    const origin = c.req.header("origin");
    if (!origin || origin === "null") return origin !== "null";
    const host = c.req.header("host");
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  };
  /** Answered without reading the body: the connection is closed, not kept for more. */
  const unread = (response: Response): Response => {
    response.headers.set("Connection", "close");
    return response;
  };
  const declaredLength = (c: Context) => {
    const value = c.req.header("content-length");
    return value === undefined ? undefined : Number(value);
  };

  web.use("/chat", headers);
  web.use("/chat/*", headers);
  web.use(
    "/chat/api/*",
    bodyLimit({
      maxSize: 32 * 1024,
      onError: (c) => unread(c.json({ error: "too large" }, 413)),
    }),
  );

  web.get("/", (c) => c.redirect("/chat", 302));
  web.get("/chat/chat.js", (c) =>
    c.body(CHAT_JS, 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    }),
  );
  web.get("/chat/chat.css", (c) =>
    c.body(CHAT_CSS, 200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    }),
  );
  web.get("/chat/embed.js", (c) => {
    const lang = isLang(c.req.query("lang")) ? (c.req.query("lang") as Lang) : options.defaultLang;
    // Never the request's Host header: a forged one would be cached for everyone.
    return c.body(embedJs(options.publicUrl, options.t(lang, "webchat.open")), 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      // Loaded by other sites' pages.
      "Cross-Origin-Resource-Policy": "cross-origin",
    });
  });

  web.get("/chat", (c) => {
    const lang = langOf(c);
    const t = textsFor(lang);
    const who = visitor(c, true);
    c.header("Cache-Control", "no-store");
    if (!who) return c.html(chatPage(t, lang, [], t("too_fast")).value, 429);
    rememberEntry(c, secure);
    const notice = channel.running ? undefined : t("unavailable");
    return c.html(chatPage(t, lang, channel.history(who.address), notice).value);
  });

  /** Reads a message from a form or JSON body; undefined when there is nothing to send. */
  const inputOf = (fields: Record<string, unknown>) => {
    const choice = typeof fields.choice === "string" ? fields.choice.slice(0, 100) : "";
    if (choice) {
      const prompt = Number(fields.prompt);
      return {
        type: "choice" as const,
        id: choice,
        ...(Number.isSafeInteger(prompt) && prompt > 0 ? { prompt } : {}),
      };
    }
    const text = typeof fields.text === "string" ? fields.text.trim().slice(0, MAX_TEXT) : "";
    return text ? { type: "text" as const, text } : undefined;
  };
  const messageId = (fields: Record<string, unknown>) =>
    typeof fields.mid === "string" && /^[\w-]{8,64}$/.test(fields.mid) ? fields.mid : randomUUID();

  /**
   * Reads a multipart form as it arrives: the fields, and the file (streamed to disk, or read
   * and dropped when refused). Throws {@link MultipartError} for a malformed body.
   */
  const readUpload = async (
    c: Context,
    who: { address: string },
    boundary: string,
  ): Promise<{ fields: Record<string, string>; upload: Upload | undefined }> => {
    const body = c.req.raw.body;
    if (!body) return { fields: {}, upload: undefined };
    let saving: Promise<Upload> | undefined;
    const fields = await readMultipart(
      limited(body, options.maxFileBytes + FORM_BYTES, 120_000),
      boundary,
      { fieldBytes: 16 * 1024, parts: 8 },
      (file) => {
        if (file.field !== "file" || file.filename === "") {
          // An empty file field (the form sends one with every message) or an unknown one.
          file.stream.resume();
          return;
        }
        saving = uploads.receive(
          who.address,
          channel.acceptsMedia(who.address),
          file.mime,
          file.stream,
          declaredLength(c),
        );
      },
    ).catch(async (error: unknown) => {
      await saving;
      throw error;
    });
    return { fields, upload: await saving };
  };

  web.post("/chat", async (c) => {
    if (!sameOrigin(c)) return unread(c.text("forbidden", 403));
    const lang = langOf(c);
    const t = textsFor(lang);
    const page = (notice: string, status: 200 | 400 | 413 | 429 | 503, who?: { address: string }) =>
      c.html(chatPage(t, lang, who ? channel.history(who.address) : [], notice).value, status);
    const who = visitor(c, false);
    if (!who) return unread(c.redirect("/chat", 303));
    const length = declaredLength(c);
    const boundary = boundaryOf(c.req.header("content-type"));
    let fields: Record<string, unknown>;
    let upload: Upload | undefined;
    if (boundary) {
      if (length !== undefined && length > options.maxFileBytes + FORM_BYTES) {
        return unread(page(t("file_too_large"), 413, who));
      }
      const done = uploads.begin(who.ip);
      if (!done) return unread(page(t("file_busy"), 429, who));
      try {
        ({ fields, upload } = await readUpload(c, who, boundary));
      } catch (error) {
        if (error instanceof BodyTooLarge) return unread(page(t("file_too_large"), 413, who));
        if (error instanceof MultipartError) return unread(page(t("bad_form"), 400, who));
        throw error;
      } finally {
        done();
      }
    } else {
      if (/^multipart\//i.test(c.req.header("content-type") ?? "")) {
        return unread(page(t("bad_form"), 400, who));
      }
      if (length !== undefined && length > FORM_BYTES) {
        return unread(page(t("too_long"), 413, who));
      }
      try {
        fields = await c.req.parseBody();
      } catch {
        return unread(page(t("bad_form"), 400, who));
      }
    }
    let input: WebInput | undefined = inputOf(fields);
    let notice: string | undefined;
    if (upload && "media" in upload) {
      const caption = input?.type === "text" ? input.text : "";
      input = { type: "media", media: { ...upload.media, ...(caption ? { caption } : {}) } };
    } else if (upload) {
      notice = t(REFUSAL_NOTICE[upload.refused]);
      // What was typed with a refused file still reaches the bot; the file does not.
      if (!input) return page(notice, upload.refused === "too_large" ? 413 : 400, who);
    }
    if (!input) return page(t("empty"), 400, who);
    const result = await channel.send({ ...who, entry: takeEntry(c) }, input, messageId(fields));
    if (result !== "ok") {
      return page(
        t(result === "limited" ? "too_fast" : "unavailable"),
        result === "limited" ? 429 : 503,
        who,
      );
    }
    if (notice) return page(notice, 200, who);
    return c.redirect("/chat#latest", 303);
  });

  // The page's one language switch: the labels (a cookie) and the bot (the command that sets
  // the user's language, which also shows in the conversation) change together.
  web.post("/chat/bahasa", async (c) => {
    if (!sameOrigin(c)) return c.text("forbidden", 403);
    const fields = await c.req.parseBody();
    const to = fields.to;
    if (!isLang(to)) return c.redirect("/chat", 303);
    setCookie(c, LANG_COOKIE, to, {
      path: "/",
      sameSite: "Lax",
      secure,
      maxAge: CHAT_COOKIE_DAYS * 86_400,
    });
    const who = visitor(c, true);
    if (who) {
      const command = options.t(to, "webchat.switch_command");
      await channel.send(
        { ...who, lang: to, entry: takeEntry(c) },
        { type: "text", text: command },
        randomUUID(),
      );
    }
    return c.redirect("/chat#latest", 303);
  });

  web.post("/chat/api/send", async (c) => {
    if (!sameOrigin(c) || !c.req.header("content-type")?.startsWith("application/json")) {
      return unread(c.json({ error: "forbidden" }, 403));
    }
    const who = visitor(c, false);
    if (!who) return unread(c.json({ error: "no session" }, 401));
    let fields: Record<string, unknown>;
    try {
      const parsed: unknown = await c.req.json();
      fields = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
      return c.json({ error: "invalid JSON" }, 400);
    }
    const input = inputOf(fields);
    if (!input) return c.json({ error: "empty" }, 400);
    const result = await channel.send({ ...who, entry: takeEntry(c) }, input, messageId(fields));
    if (result === "limited") return c.json({ error: "too fast" }, 429);
    if (result === "stopped") return c.json({ error: "unavailable" }, 503);
    return c.json({ ok: true });
  });

  web.get("/chat/api/messages", async (c) => {
    c.header("Cache-Control", "no-store");
    const who = visitor(c, false);
    if (!who) return unread(c.json({ error: "no session" }, 401));
    const after = Math.max(0, Number.parseInt(c.req.query("after") ?? "0", 10) || 0);
    const wait = c.req.query("wait") === "0" ? 0 : POLL_MS;
    const entries = await channel.poll(who, after, wait);
    if (entries === "busy") {
      // Too many polls waiting: answered at once and the connection freed; the page waits
      // before asking again.
      return unread(c.json({ entries: [], retry: BUSY_RETRY_MS }));
    }
    return c.json({
      entries: entries.map((e) => ({ id: e.id, direction: e.direction, message: e.message })),
      // Lines older than this were erased: the page drops them (a shared phone after `hapus`).
      oldest: channel.oldest(who.address) ?? null,
    });
  });

  http.app.route("/", web);
}

/** The body was longer than any form may be. */
class BodyTooLarge extends Error {}

/**
 * A body's chunks, cut off past `maxBytes` ({@link BodyTooLarge}) and ended after `timeoutMs`
 * (a sender that stalls keeps an upload slot no longer).
 */
async function* limited(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  timeoutMs: number,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), timeoutMs);
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.length;
      if (total > maxBytes) throw new BodyTooLarge();
      yield value;
    }
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
}
