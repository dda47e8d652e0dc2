/**
 * The web chat's entry links (`/chat?src=K7Q3&lang=mad`): the page keeps the code in a cookie
 * until the visitor's first message, which carries it to the bot as the inbound's `entry`. So a
 * link preview or a crawler that only loads the page counts nobody.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { isLang } from "../engine/types.ts";
import { formatEntryToken, parseEntryToken } from "./entry.ts";

const ENTRY_COOKIE = "jr_src";

/** Remembers a valid `src` (with the page's `lang`, if the link names one) for the next message. */
export function rememberEntry(c: Context, secure: boolean): void {
  const token = parseEntryToken(c.req.query("src") ?? "");
  if (!token) return;
  const lang = c.req.query("lang");
  setCookie(c, ENTRY_COOKIE, formatEntryToken(token.code, isLang(lang) ? lang : token.lang), {
    path: "/chat",
    httpOnly: true,
    sameSite: "Lax",
    secure,
    maxAge: 86_400,
  });
}

/** The code waiting to go with this message, if any; it goes once. */
export function takeEntry(c: Context): string | undefined {
  const value = getCookie(c, ENTRY_COOKIE);
  if (value === undefined) return undefined;
  deleteCookie(c, ENTRY_COOKIE, { path: "/chat" });
  const token = parseEntryToken(value);
  return token ? formatEntryToken(token.code, token.lang) : undefined;
}
