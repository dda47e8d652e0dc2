/**
 * What the web chat's handlers read from a request: who the visitor is (only a cookie the server
 * issued counts), which language the page speaks, whether a post came from this site, and how
 * long a body says it is.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { isLang, type Lang } from "../../engine/types.ts";
import { clientIp } from "../../http/client-ip.ts";
import type { WebChatRouteOptions } from "./options.ts";
import type { ChatT } from "./page.ts";
import { addressOf, CHAT_COOKIE, CHAT_COOKIE_DAYS } from "./session.ts";

/** The cookie that keeps the page's language. */
const LANG_COOKIE = "jr_lang";

/** A visitor as the channel knows them. */
export interface Visitor {
  address: string;
  ip: string;
  lang: Lang;
}

/** Reads visitors and languages from requests, with the routes' options. */
export class ChatRequests {
  constructor(readonly options: WebChatRouteOptions) {}

  /** The page's language: `?lang=` (then remembered), else the cookie, else the default. */
  lang(c: Context): Lang {
    const chosen = c.req.query("lang");
    if (isLang(chosen)) {
      this.rememberLang(c, chosen);
      return chosen;
    }
    const saved = getCookie(c, LANG_COOKIE);
    return isLang(saved) ? saved : this.options.defaultLang;
  }

  /** Keeps the page's language in a cookie. */
  rememberLang(c: Context, lang: Lang): void {
    setCookie(c, LANG_COOKIE, lang, {
      path: "/",
      sameSite: "Lax",
      secure: this.options.secure,
      maxAge: CHAT_COOKIE_DAYS * 86_400,
    });
  }

  /** The page's texts in `lang`. */
  texts(lang: Lang): ChatT {
    return (key) => this.options.t(lang, `webchat.${key}`);
  }

  /**
   * The visitor behind the request: only a cookie the server issued counts. With `create`, a
   * request without one becomes a new visitor (counted against its IP address).
   */
  visitor(c: Context, create: boolean): Visitor | undefined {
    const { options } = this;
    const ip = clientIp(c, options.trustProxy);
    let id = options.visitors.check(getCookie(c, CHAT_COOKIE));
    if (!id) {
      if (!create || !options.channel.admit(ip)) return undefined;
      const value = options.visitors.issue();
      id = options.visitors.check(value) as string;
      setCookie(c, CHAT_COOKIE, value, {
        path: "/chat",
        httpOnly: true,
        sameSite: "Lax",
        secure: options.secure,
        maxAge: CHAT_COOKIE_DAYS * 86_400,
      });
    }
    return { address: addressOf(id), ip, lang: this.lang(c) };
  }
}

/** Browsers say where a POST came from; one from another site is refused. */
export function sameOrigin(c: Context): boolean {
  const origin = c.req.header("origin");
  if (!origin || origin === "null") return origin !== "null";
  const host = c.req.header("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Marks an answer given without reading the body: the connection is closed, not kept. */
export function unread(response: Response): Response {
  response.headers.set("Connection", "close");
  return response;
}

/** The body length the request announces, if any. */
export function declaredLength(c: Context): number | undefined {
  const value = c.req.header("content-length");
  return value === undefined ? undefined : Number(value);
}

/** One of the web chat's handlers. */
export type ChatHandler = (c: Context) => Response | Promise<Response>;
