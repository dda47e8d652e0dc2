/**
 * Puts the staff console and the web chat on the HTTP server, as configured. `main.ts` and the
 * tests (including the browser tests) go through here, so they serve the same thing.
 */
import type { App } from "../app.ts";
import { WebChatChannel } from "../channels/web/channel.ts";
import { mountWebChat } from "../channels/web/routes.ts";
import type { Config } from "../config.ts";
import type { HttpServer } from "../http/server.ts";
import type { Logger } from "../log.ts";
import { mountConsole } from "./console.ts";
import { mediaDir } from "./urls.ts";

/**
 * Mounts the console, and the web chat unless `WEB_CHAT_ENABLED=false`; the web chat channel
 * is registered with the app for delivery and returned for the caller to start.
 */
export function serveWeb(
  http: HttpServer,
  app: App,
  config: Config,
  options: { log: Logger; clock?: () => number; mediaDir?: string },
): WebChatChannel | undefined {
  const clock = options.clock ?? Date.now;
  const secure = config.PUBLIC_URL?.startsWith("https:") ?? false;
  const media = options.mediaDir ?? mediaDir(config);
  mountConsole(http, {
    app,
    clock,
    log: options.log.child({ part: "console" }),
    secure,
    sessionMs: config.CONSOLE_SESSION_HOURS * 3_600_000,
    mediaDir: media,
  });
  if (!config.WEB_CHAT_ENABLED) return undefined;
  const web = new WebChatChannel({
    transcript: app.store.webChat,
    clock,
    limits: {
      perVisitor: config.WEB_CHAT_MAX_PER_MINUTE,
      tapsPerVisitor: config.WEB_CHAT_TAPS_PER_MINUTE,
      perIp: config.WEB_CHAT_IP_MAX_PER_MINUTE,
    },
  });
  app.channels.set(web.name, web);
  mountWebChat(http, {
    channel: web,
    t: app.t,
    defaultLang: config.DEFAULT_LANGUAGE,
    secure,
    trustProxy: config.TRUST_PROXY,
    publicUrl: config.PUBLIC_URL,
    media: { dir: media, maxBytes: config.WEB_CHAT_MEDIA_MAX_MB * 1024 * 1024 },
  });
  return web;
}
