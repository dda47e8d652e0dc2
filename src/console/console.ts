/**
 * The staff web console on the bot's HTTP server: sign-in by one-time link, the case list, a
 * case with its conversation and the forms to act on it, statistics, stored media, and the
 * Madurese review sheet. Every page needs a live session of someone still on the staff lists;
 * every form carries the session's CSRF token; every action goes through the staff desk (same
 * rules and audit as the staff chats).
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { securityHeaders } from "../http/security.ts";
import type { HttpServer } from "../http/server.ts";
import { SIGN_IN_PATH } from "./auth.ts";
import {
  type ConsoleContext,
  type ConsoleEnv,
  type ConsoleOptions,
  consoleContext,
} from "./context.ts";
import { guard } from "./guard.ts";
import { CSS_PATH } from "./layout.ts";
import { caseRoutes } from "./routes/cases.ts";
import { reviewRoutes } from "./routes/review.ts";
import { signInRoutes } from "./routes/signin.ts";
import { sourceRoutes } from "./routes/sources.ts";
import { statsRoutes } from "./routes/stats.ts";
import { CONSOLE_CSS } from "./style.ts";

export type { ConsoleOptions } from "./context.ts";

/** Mounted at the server's root, the console's middleware picks its own paths. */
function ours(path: string): boolean {
  return path === "/console" || path.startsWith("/console/") || path.startsWith(`${SIGN_IN_PATH}/`);
}

/** True for the path of a sign-in link that can still be used. */
function validLink(x: ConsoleContext, path: string): boolean {
  const prefix = `${SIGN_IN_PATH}/`;
  return (
    path.startsWith(prefix) &&
    x.sessions.peek(path.slice(prefix.length), x.options.clock()) !== undefined
  );
}

/** Adds the console's routes to the HTTP server. */
export function mountConsole(http: HttpServer, options: ConsoleOptions): void {
  const x = consoleContext(options);
  const web = new Hono<ConsoleEnv>();
  const headers = securityHeaders();
  const limit = bodyLimit({ maxSize: 64 * 1024, onError: (ctx) => ctx.text("too large", 413) });
  web.use("*", async (ctx, next) => {
    if (!ours(ctx.req.path)) return next();
    // An address that keeps being refused is answered at once, unless it is signed in or
    // brings a valid sign-in link (staff behind the same office address as a script).
    const ip = x.ipOf(ctx);
    if (
      ctx.req.path !== CSS_PATH &&
      x.anonymous.overLimit(ip) &&
      !x.sessions.find(getCookie(ctx, x.cookieName), options.clock()) &&
      !validLink(x, ctx.req.path)
    ) {
      x.anonymous.throttled(ip);
      return ctx.text("too many requests", 429, { "Retry-After": "60" });
    }
    if (ctx.req.method === "POST") {
      const refused = await limit(ctx, async () => {});
      if (refused) return refused;
    }
    await headers(ctx, async () => {
      if (ctx.req.path.startsWith("/console") && ctx.req.path !== CSS_PATH) {
        const stopped = await guard(x, ctx, next);
        if (stopped) ctx.res = stopped;
      } else await next();
    });
    if (ctx.req.path !== CSS_PATH) ctx.header("Cache-Control", "no-store");
  });
  web.get(CSS_PATH, (ctx) =>
    ctx.body(CONSOLE_CSS, 200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    }),
  );
  signInRoutes(web, x);
  caseRoutes(web, x);
  statsRoutes(web, x);
  sourceRoutes(web, x);
  reviewRoutes(web, x);
  http.app.route("/", web);
}
