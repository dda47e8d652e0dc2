import type { Context } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import { sameSecret } from "./auth.ts";
import { type ConsoleContext, type ConsoleEnv, field } from "./context.ts";
import { noticePage } from "./pages/notice.ts";

/**
 * The check in front of every console page: a live session (else 401 with how to sign in), of
 * someone still on the staff lists (else the session ends, 403), and on a POST the session's
 * CSRF token (else 403). Returns the refusal to send, or nothing after running the page.
 */
export async function guard(
  x: ConsoleContext,
  ctx: Context<ConsoleEnv>,
  next: () => Promise<void>,
): Promise<Response | undefined> {
  const { sessions, c, text } = x;
  const session = sessions.find(getCookie(ctx, x.cookieName), x.options.clock());
  if (!session) {
    if (ctx.req.method !== "GET") return x.refuse(ctx, "web", "signin_needed");
    x.anonymous.refused(x.ipOf(ctx), "console.signin_needed", {});
    return x.show(
      ctx,
      noticePage(text, "signin_needed_title", [c("signin_needed"), c("signin_local")]),
      401,
    );
  }
  if (!x.options.app.desk.isStaff(session.actor)) {
    sessions.end(session.key);
    deleteCookie(ctx, x.cookieName, { path: "/", secure: x.options.secure });
    return x.refuse(ctx, session.actor, "not_staff");
  }
  if (ctx.req.method === "POST") {
    // A malformed body is refused like a missing token (never a server error).
    const form = await ctx.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    if (!sameSecret(field(form, "_csrf") || undefined, session.csrf)) {
      return x.refuse(ctx, session.actor, "csrf_refused", session);
    }
    ctx.set("form", form);
  }
  ctx.set("session", session);
  await next();
  return undefined;
}
