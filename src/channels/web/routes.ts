/**
 * The web chat's HTTP routes: the page (`/chat`, also the no-JavaScript form target), the JSON
 * endpoints its script uses, its static files and the embeddable snippet.
 */
import { randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import type { Translator } from "../../engine/deps.ts";
import { isLang, type Lang } from "../../engine/types.ts";
import { clientIp } from "../../http/client-ip.ts";
import { securityHeaders } from "../../http/security.ts";
import type { HttpServer } from "../../http/server.ts";
import { MAX_TEXT, type WebChatChannel, type WebInput } from "./channel.ts";
import { CHAT_JS, embedJs } from "./client.ts";
import { type ChatT, chatPage } from "./page.ts";
import { addressOf, CHAT_COOKIE, CHAT_COOKIE_DAYS, isVisitorId, newVisitorId } from "./session.ts";
import { CHAT_CSS } from "./style.ts";
import { saveUpload } from "./upload.ts";

/** What the routes need. */
export interface WebChatRouteOptions {
  channel: WebChatChannel;
  t: Translator;
  defaultLang: Lang;
  /** https: the cookie becomes Secure. */
  secure: boolean;
  /** Read the client's IP from `X-Forwarded-For` (behind a reverse proxy). */
  trustProxy: boolean;
  /** The public origin for the snippet; the request's own origin when unset. */
  publicUrl?: string | undefined;
  /** Where files visitors send are stored, and how large one may be. */
  media: { dir: string; maxBytes: number };
}

const LANG_COOKIE = "jr_lang";
/** How long a poll waits for news before answering "nothing yet". */
const POLL_MS = 25_000;

/** Adds the web chat's routes to the HTTP server. */
export function mountWebChat(http: HttpServer, options: WebChatRouteOptions): void {
  const { channel, secure } = options;
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
  /** The visitor behind the request; a new one gets a cookie (counted against their IP). */
  const visitor = (c: Context, create: boolean) => {
    const ip = clientIp(c, options.trustProxy);
    let id = getCookie(c, CHAT_COOKIE);
    if (!isVisitorId(id)) {
      if (!create || !channel.admit(ip)) return undefined;
      id = newVisitorId();
      setCookie(c, CHAT_COOKIE, id, {
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

  web.use("/chat", headers);
  web.use("/chat/*", headers);
  // A chat message is small, a file at most the configured size; nobody gets to make the
  // server read more.
  const tooLarge = (c: Context) => {
    const lang = langOf(c);
    return c.html(chatPage(textsFor(lang), lang, [], textsFor(lang)("file_too_large")).value, 413);
  };
  // Twice the file limit: a file somewhat too large still gets a kind answer (from the upload
  // check); only far larger bodies are cut off here.
  web.use(
    "/chat",
    bodyLimit({ maxSize: 2 * options.media.maxBytes + 64 * 1024, onError: tooLarge }),
  );
  web.use(
    "/chat/api/*",
    bodyLimit({ maxSize: 32 * 1024, onError: (c) => c.json({ error: "too large" }, 413) }),
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
    const origin = options.publicUrl ?? new URL(c.req.url).origin;
    return c.body(embedJs(origin, options.t(lang, "webchat.open")), 200, {
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

  web.post("/chat", async (c) => {
    if (!sameOrigin(c)) return c.text("forbidden", 403);
    const lang = langOf(c);
    const t = textsFor(lang);
    const who = visitor(c, false);
    const fields = await c.req.parseBody();
    if (!who) return c.redirect("/chat", 303);
    let input: WebInput | undefined = inputOf(fields);
    const file = fields.file;
    if (file instanceof File && file.size > 0) {
      const caption = input?.type === "text" ? input.text : "";
      const upload = await saveUpload(file, caption, options.media.dir, options.media.maxBytes);
      if ("refused" in upload) {
        const large = upload.refused === "too_large";
        const notice = t(large ? "file_too_large" : "file_unsupported");
        return c.html(
          chatPage(t, lang, channel.history(who.address), notice).value,
          large ? 413 : 400,
        );
      }
      input = { type: "media", media: upload.media };
    }
    if (!input) {
      return c.html(chatPage(t, lang, channel.history(who.address), t("empty")).value, 400);
    }
    const result = await channel.send(who, input, messageId(fields));
    if (result !== "ok") {
      const notice = t(result === "limited" ? "too_fast" : "unavailable");
      return c.html(
        chatPage(t, lang, channel.history(who.address), notice).value,
        result === "limited" ? 429 : 503,
      );
    }
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
      await channel.send({ ...who, lang: to }, { type: "text", text: command }, randomUUID());
    }
    return c.redirect("/chat#latest", 303);
  });

  web.post("/chat/api/send", async (c) => {
    if (!sameOrigin(c) || !c.req.header("content-type")?.startsWith("application/json")) {
      return c.json({ error: "forbidden" }, 403);
    }
    const who = visitor(c, false);
    if (!who) return c.json({ error: "no session" }, 401);
    let fields: Record<string, unknown>;
    try {
      const parsed: unknown = await c.req.json();
      fields = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
      return c.json({ error: "invalid JSON" }, 400);
    }
    const input = inputOf(fields);
    if (!input) return c.json({ error: "empty" }, 400);
    const result = await channel.send(who, input, messageId(fields));
    if (result === "limited") return c.json({ error: "too fast" }, 429);
    if (result === "stopped") return c.json({ error: "unavailable" }, 503);
    return c.json({ ok: true });
  });

  web.get("/chat/api/messages", async (c) => {
    const who = visitor(c, false);
    if (!who) return c.json({ error: "no session" }, 401);
    const after = Math.max(0, Number.parseInt(c.req.query("after") ?? "0", 10) || 0);
    const wait = c.req.query("wait") === "0" ? 0 : POLL_MS;
    const entries = await channel.poll(who.address, after, wait);
    c.header("Cache-Control", "no-store");
    return c.json({
      entries: entries.map((e) => ({ id: e.id, direction: e.direction, message: e.message })),
      // Lines older than this were erased: the page drops them (a shared phone after `hapus`).
      oldest: channel.oldest(who.address) ?? null,
    });
  });

  http.app.route("/", web);
}
