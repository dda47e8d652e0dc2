import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { newSecret, SIGN_IN_PATH, sameSecret } from "../auth.ts";
import { type ConsoleContext, type ConsoleWeb, field } from "../context.ts";
import { noticePage } from "../pages/notice.ts";
import { signInPage } from "../pages/signin.ts";

/**
 * Signing in and out. Opening a link shows a button (chat apps open links for previews, which
 * must not use them up); the button, with a form token tied to this browser, uses the link and
 * starts a session.
 */
export function signInRoutes(web: ConsoleWeb, x: ConsoleContext): void {
  const { store, sessions, text, c, options } = x;
  const { clock, log, secure } = options;
  const invalidLink = (ctx: Context, stage: string) => {
    x.anonymous.refused(x.ipOf(ctx), "console.signin_refused", { stage });
    return x.show(ctx, noticePage(text, "signin_invalid_title", [c("signin_invalid")]), 403);
  };

  web.get(`${SIGN_IN_PATH}/:token`, (ctx) => {
    const token = ctx.req.param("token");
    const owner = sessions.peek(token, clock());
    if (!owner) return invalidLink(ctx, "open");
    const pre = newSecret();
    setCookie(ctx, x.preCookie, pre, {
      path: SIGN_IN_PATH,
      httpOnly: true,
      sameSite: "Strict",
      secure,
      maxAge: 600,
    });
    return x.show(ctx, signInPage(text, token, owner.name, pre));
  });

  web.post(`${SIGN_IN_PATH}/:token`, async (ctx) => {
    const form = await ctx.req.parseBody().catch(() => undefined);
    if (!form || !sameSecret(field(form, "_csrf") || undefined, getCookie(ctx, x.preCookie))) {
      return x.refuse(ctx, "web", "csrf_refused");
    }
    const now = clock();
    const signed = sessions.signIn(ctx.req.param("token"), now);
    if (!signed) return invalidLink(ctx, "use");
    deleteCookie(ctx, x.preCookie, { path: SIGN_IN_PATH, secure });
    setCookie(ctx, x.cookieName, signed.id, {
      path: "/",
      httpOnly: true,
      sameSite: "Strict",
      secure,
      maxAge: Math.floor(options.sessionMs / 1000),
    });
    store.audit.record(now, signed.session.actor, "console.signin");
    log.info("console_signin");
    return ctx.redirect("/console", 303);
  });

  web.post("/console/keluar", (ctx) => {
    const session = ctx.get("session");
    sessions.end(session.key);
    x.flashes.delete(session.key);
    deleteCookie(ctx, x.cookieName, { path: "/", secure });
    store.audit.record(clock(), session.actor, "console.signout");
    return x.show(ctx, noticePage(text, "sign_out", [c("signed_out")]));
  });
}
