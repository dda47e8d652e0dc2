import type { Translator } from "../../engine/deps.ts";
import type { Lang } from "../../engine/types.ts";
import type { WebChatChannel } from "./channel.ts";
import type { VisitorIds } from "./session.ts";
import type { Uploads } from "./upload.ts";

/** What the web chat's routes and their handlers are given. */
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
