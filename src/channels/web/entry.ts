/**
 * The web chat's entry links (`/chat?src=K7Q3&lang=mad`): the page keeps the outreach code in a
 * cookie until the visitor's first message, which carries it to the bot as the inbound's
 * `entry` (the runtime reads it). So a link preview or a crawler that only loads the page
 * counts nobody.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { isLang } from "../../engine/types.ts";

const ENTRY_COOKIE = "jr_src";
/** What a code looks like here: short, letters, digits and `-`; the runtime checks the rest. */
const CODE = /^[A-Za-z0-9]{4,6}(-(id|mad))?$/;

/** Remembers a `src` that looks like a code (with the link's `lang`) for the next message. */
export function rememberEntry(c: Context, secure: boolean): void {
  const src = c.req.query("src") ?? "";
  if (!CODE.test(src)) return;
  const lang = c.req.query("lang");
  const value = isLang(lang) && !src.includes("-") ? `${src}-${lang}` : src;
  setCookie(c, ENTRY_COOKIE, value, {
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
  return CODE.test(value) ? value : undefined;
}
