/** The page's script and style sheet, and the snippet other sites embed. */
import { isLang, type Lang } from "../../../engine/types.ts";
import { CHAT_JS, embedJs } from "../client.ts";
import type { WebChatRouteOptions } from "../options.ts";
import type { ChatHandler } from "../request.ts";
import { CHAT_CSS } from "../style.ts";

/** How long browsers may keep the static files. */
const CACHE = "public, max-age=300";

/** `GET /chat/chat.js`: the page's script. */
export const chatScript: ChatHandler = (c) =>
  c.body(CHAT_JS, 200, {
    "Content-Type": "text/javascript; charset=utf-8",
    "Cache-Control": CACHE,
  });

/** `GET /chat/chat.css`: the page's style sheet. */
export const chatStyle: ChatHandler = (c) =>
  c.body(CHAT_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": CACHE });

/** `GET /chat/embed.js?lang=`: the snippet that puts a chat button on another site's page. */
export function embedSnippet(options: WebChatRouteOptions): ChatHandler {
  return (c) => {
    const lang = isLang(c.req.query("lang")) ? (c.req.query("lang") as Lang) : options.defaultLang;
    // Never the request's Host header: a forged one would be cached for everyone.
    return c.body(embedJs(options.publicUrl, options.t(lang, "webchat.open")), 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": CACHE,
      // Loaded by other sites' pages.
      "Cross-Origin-Resource-Policy": "cross-origin",
    });
  };
}
