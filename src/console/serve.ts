/**
 * Puts the staff console and the web chat on the HTTP server, as configured. `main.ts` and the
 * tests (including the browser tests) go through here, so they serve the same thing.
 */
import type { App } from "../app.ts";
import { type PollCaps, WEB_CHAT, WebChatChannel } from "../channels/web/channel.ts";
import { mountWebChat } from "../channels/web/routes.ts";
import { newVisitorSecret, VisitorIds } from "../channels/web/session.ts";
import { UPLOAD_DEFAULTS, type UploadLimits, Uploads } from "../channels/web/upload.ts";
import type { Config } from "../config.ts";
import type { HttpServer } from "../http/server.ts";
import type { Logger } from "../log.ts";
import { mediaBudget } from "../media/budget.ts";
import type { Settings } from "../store/settings.ts";
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
  options: {
    log: Logger;
    clock?: () => number;
    mediaDir?: string;
    /** Tests lower these to reach them quickly. */
    polls?: PollCaps;
    uploads?: Partial<Omit<UploadLimits, "dir" | "maxBytes">>;
  },
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
    trustProxy: config.TRUST_PROXY,
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
    acceptsMedia: (address: string): boolean => app.runtime.acceptsMedia(WEB_CHAT, address),
    ...(options.polls ? { polls: options.polls } : {}),
  });
  app.channels.set(web.name, web);
  const maxFileBytes = config.WEB_CHAT_MEDIA_MAX_MB * 1024 * 1024;
  const budget = mediaBudget(media, config.MEDIA_MAX_TOTAL_MB * 1024 * 1024);
  const uploads = new Uploads(
    { ...UPLOAD_DEFAULTS, ...options.uploads, dir: media, maxBytes: maxFileBytes },
    budget,
    clock,
    {
      full: () => alertFull(app, config.MEDIA_MAX_TOTAL_MB, options.log),
      stored: () => {
        if (app.store.settings.get(FULL_ALERTED) === "1") app.store.settings.set(FULL_ALERTED, "0");
      },
    },
  );
  mountWebChat(http, {
    channel: web,
    t: app.t,
    defaultLang: config.DEFAULT_LANGUAGE,
    secure,
    trustProxy: config.TRUST_PROXY,
    publicUrl: config.PUBLIC_URL,
    visitors: new VisitorIds(config.WEB_CHAT_SECRET ?? storedSecret(app.store.settings)),
    uploads,
    maxFileBytes,
  });
  return web;
}

/** The setting that remembers staff were told the media folder is full. */
const FULL_ALERTED = "media_full_alerted";

/** The secret kept in the database when `WEB_CHAT_SECRET` is unset (made on first start). */
function storedSecret(settings: Settings): string {
  const kept = settings.get("web_chat_secret");
  if (kept) return kept;
  const secret = newVisitorSecret();
  settings.set("web_chat_secret", secret);
  return secret;
}

/**
 * Staff hear once that the media folder is full (again only after a file fitted since): the
 * flag is kept in the database, so a restart does not repeat it.
 */
function alertFull(app: App, mb: number, log: Logger): void {
  if (app.store.settings.get(FULL_ALERTED) === "1") return;
  app.store.settings.set(FULL_ALERTED, "1");
  app
    .alertStaff("media_full", app.text.text("staff.media_full", { mb }))
    .catch((error: unknown) => log.error({ err: error }, "media_full_alert_failed"));
}
