/**
 * Builds the web chat from the configuration and puts its pages on the HTTP server: the
 * channel, its uploads (within the media folder's budget) and its visitor cookies.
 */
import type { Config } from "../../config.ts";
import type { Translator } from "../../engine/deps.ts";
import type { HttpServer } from "../../http/server.ts";
import type { Logger } from "../../log.ts";
import { mediaBudget } from "../../media/budget.ts";
import { mediaDir } from "../../media/dir.ts";
import { type PollCaps, WebChatChannel } from "./channel.ts";
import type { SettingsStore, TranscriptStore } from "./ports.ts";
import { mountWebChat } from "./routes.ts";
import { newVisitorSecret, VisitorIds } from "./session.ts";
import { UPLOAD_DEFAULTS, type UploadLimits, Uploads } from "./upload.ts";

/** What the web chat needs besides the configuration. */
export interface WebChatDeps {
  log: Logger;
  /** The bot's texts (the page speaks the visitor's language). */
  t: Translator;
  store: { webChat: TranscriptStore; settings: SettingsStore };
  /** The HTTP server the chat's pages go on; without one there is no web chat. */
  http?: HttpServer | undefined;
  clock?: () => number;
}

/** Settings that do not come from the environment (tests lower the caps to reach them). */
export interface WebChatOverrides {
  mediaDir?: string;
  polls?: PollCaps;
  uploads?: Partial<Omit<UploadLimits, "dir" | "maxBytes">>;
}

/** The setting that remembers staff were told the media folder is full. */
const FULL_ALERTED = "media_full_alerted";

/**
 * The web chat for `config` with its routes mounted on `deps.http`, or undefined when
 * `WEB_CHAT_ENABLED=false` or there is no HTTP server.
 */
export function webChatFromConfig(
  config: Config,
  deps: WebChatDeps,
  overrides: WebChatOverrides = {},
): WebChatChannel | undefined {
  const { http, store } = deps;
  if (!config.WEB_CHAT_ENABLED || !http) return undefined;
  const clock = deps.clock ?? Date.now;
  const media = overrides.mediaDir ?? mediaDir(config);
  const web = new WebChatChannel({
    transcript: store.webChat,
    clock,
    limits: {
      perVisitor: config.WEB_CHAT_MAX_PER_MINUTE,
      tapsPerVisitor: config.WEB_CHAT_TAPS_PER_MINUTE,
      perIp: config.WEB_CHAT_IP_MAX_PER_MINUTE,
    },
    ...(overrides.polls ? { polls: overrides.polls } : {}),
  });
  const maxFileBytes = config.WEB_CHAT_MEDIA_MAX_MB * 1024 * 1024;
  const budget = mediaBudget(media, config.MEDIA_MAX_TOTAL_MB * 1024 * 1024);
  const uploads = new Uploads(
    { ...UPLOAD_DEFAULTS, ...overrides.uploads, dir: media, maxBytes: maxFileBytes },
    budget,
    clock,
    {
      full: () => alertFull(web, store.settings, config.MEDIA_MAX_TOTAL_MB, deps.log),
      stored: () => {
        if (store.settings.get(FULL_ALERTED) === "1") store.settings.set(FULL_ALERTED, "0");
      },
    },
  );
  mountWebChat(http, {
    channel: web,
    t: deps.t,
    defaultLang: config.DEFAULT_LANGUAGE,
    secure: config.PUBLIC_URL?.startsWith("https:") ?? false,
    trustProxy: config.TRUST_PROXY,
    publicUrl: config.PUBLIC_URL,
    visitors: new VisitorIds(config.WEB_CHAT_SECRET ?? storedSecret(store.settings)),
    uploads,
    maxFileBytes,
  });
  return web;
}

/** The secret kept in the database when `WEB_CHAT_SECRET` is unset (made on first start). */
function storedSecret(settings: SettingsStore): string {
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
function alertFull(web: WebChatChannel, settings: SettingsStore, mb: number, log: Logger): void {
  if (settings.get(FULL_ALERTED) === "1") return;
  settings.set(FULL_ALERTED, "1");
  web
    .alertStaff("staff.media_full", { mb })
    .catch((error: unknown) => log.error({ err: error }, "media_full_alert_failed"));
}
