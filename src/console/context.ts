/**
 * What every part of the console shares: the app, the sessions, cookie names, one-time notices
 * and the helpers that answer a request with a page or a refusal.
 */
import type { Context, Hono } from "hono";
import type { App } from "../app.ts";
import { clientIp } from "../http/client-ip.ts";
import type { Html } from "../http/html.ts";
import type { Logger } from "../log.ts";
import type { StaffText } from "../staff/render.ts";
import type { Store } from "../store/store.ts";
import { AnonymousRefusals } from "./anonymous.ts";
import { ConsoleSessions, type SignedIn } from "./auth.ts";
import { noticePage } from "./pages/notice.ts";
import { type ConsoleT, consoleT } from "./text.ts";

/** What the console needs. */
export interface ConsoleOptions {
  app: Pick<App, "store" | "desk" | "text" | "act" | "flows" | "outreach">;
  clock: () => number;
  log: Logger;
  /** True when the console is reached over https (`PUBLIC_URL`): cookies become Secure. */
  secure: boolean;
  /** How long a session lasts. */
  sessionMs: number;
  /** Where channels store media files; only files inside it are served. */
  mediaDir: string;
  /** Read the client's IP from `X-Forwarded-For` (behind a reverse proxy). */
  trustProxy?: boolean;
}

/** Request variables set by the guard: the session, and the checked form of a POST. */
export type ConsoleEnv = { Variables: { session: SignedIn; form: Record<string, unknown> } };

/** The console's Hono app. */
export type ConsoleWeb = Hono<ConsoleEnv>;

/** The shared parts. */
export interface ConsoleContext {
  options: ConsoleOptions;
  store: Store;
  text: StaffText;
  c: ConsoleT;
  sessions: ConsoleSessions;
  /** The session cookie (`__Host-` prefixed behind https). */
  cookieName: string;
  /** The sign-in form's cookie. */
  preCookie: string;
  /** Refusals of people not signed in: counted and rate-limited per address. */
  anonymous: AnonymousRefusals;
  /** The client's IP address. */
  ipOf(ctx: Context): string;
  /** Desk answers shown once on the next page (post → redirect → get); lost on restart. */
  flashes: Map<string, string[]>;
  /** Answers with a page. */
  show(ctx: Context, body: Html, status?: 200 | 401 | 403 | 404): Response;
  /**
   * Refuses a request (403), with a reason from `console.json`, audited (for someone not signed
   * in, `actor` "web": counted per address instead, see {@link AnonymousRefusals}).
   */
  refuse(ctx: Context, actor: string, reason: string, session?: SignedIn): Response;
}

/** Builds the shared parts. */
export function consoleContext(options: ConsoleOptions): ConsoleContext {
  const { store, text } = options.app;
  const c = consoleT(text);
  const show = (ctx: Context, body: Html, status: 200 | 401 | 403 | 404 = 200) =>
    ctx.html(body.value, status) as Response;
  const anonymous = new AnonymousRefusals(store.audit, options.log, options.clock);
  const ipOf = (ctx: Context) => clientIp(ctx, options.trustProxy ?? false);
  return {
    options,
    store,
    text,
    c,
    sessions: new ConsoleSessions(store.consoleAuth, options.sessionMs),
    cookieName: options.secure ? "__Host-jr_console" : "jr_console",
    preCookie: options.secure ? "__Secure-jr_signin" : "jr_signin",
    flashes: new Map(),
    anonymous,
    ipOf,
    show,
    refuse(ctx, actor, reason, session) {
      const data = { reason, path: ctx.req.path.slice(0, 80) };
      if (actor === "web") anonymous.refused(ipOf(ctx), "console.refused", data);
      else {
        store.audit.record(options.clock(), actor, "console.refused", undefined, data);
        options.log.warn({ reason }, "console_refused");
      }
      return show(ctx, noticePage(text, "refused_title", [c(reason)], session), 403);
    },
  };
}

/** A text field of a parsed form ("" when absent). */
export function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === "string" ? value : "";
}
