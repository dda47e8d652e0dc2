/**
 * The staff web console on the bot's HTTP server: sign-in by one-time link, the case list, a
 * case with its conversation and the forms to act on it, statistics, and stored media. Every
 * page needs a live session of someone still on the staff lists; every form carries the
 * session's CSRF token; every action goes through the staff desk (same rules and audit as the
 * staff chats).
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { App } from "../app.ts";
import { CASE_STATUSES } from "../engine/types.ts";
import type { Html } from "../http/html.ts";
import { securityHeaders } from "../http/security.ts";
import type { HttpServer } from "../http/server.ts";
import type { Logger } from "../log.ts";
import { normalizeCaseRef } from "../runtime/case-ref.ts";
import type { StaffCommand } from "../staff/commands.ts";
import type { CaseFilter } from "../store/cases.ts";
import { ConsoleSessions, newSecret, SIGN_IN_PATH, type SignedIn, sameSecret } from "./auth.ts";
import { CSS_PATH } from "./layout.ts";
import { mediaResponse } from "./media.ts";
import { casePage } from "./pages/case.ts";
import { caseListPage } from "./pages/cases.ts";
import { noticePage } from "./pages/notice.ts";
import { signInPage } from "./pages/signin.ts";
import { statsPage } from "./pages/stats.ts";
import { questionNamer, statistics, weekStart } from "./stats.ts";
import { CONSOLE_CSS } from "./style.ts";
import { consoleT } from "./text.ts";

/** What the console needs. */
export interface ConsoleOptions {
  app: Pick<App, "store" | "desk" | "text" | "act" | "flows">;
  clock: () => number;
  log: Logger;
  /** True when the console is reached over https (`PUBLIC_URL`): cookies become Secure. */
  secure: boolean;
  /** How long a session lasts. */
  sessionMs: number;
  /** Where channels store media files; only files inside it are served. */
  mediaDir: string;
}

type Env = { Variables: { session: SignedIn; form: Record<string, unknown> } };

const PAGE_SIZE = 50;
const WEEKS = 12;
/** Longest reply or note accepted from the console (a chat message's practical limit). */
const MAX_TEXT = 3500;
const ACTIONS = { balas: "balas", catatan: "catatan", status: "status", ambil: "ambil" } as const;

const field = (form: Record<string, unknown>, name: string) => {
  const value = form[name];
  return typeof value === "string" ? value : "";
};

/** Adds the console's routes to the HTTP server. */
export function mountConsole(http: HttpServer, options: ConsoleOptions): void {
  const { app, clock, log, secure } = options;
  const { store, desk, text } = app;
  const c = consoleT(text);
  const sessions = new ConsoleSessions(store.consoleAuth, options.sessionMs);
  const cookieName = secure ? "__Host-jr_console" : "jr_console";
  const preCookie = secure ? "__Secure-jr_signin" : "jr_signin";
  // Desk answers shown once on the next page (post → redirect → get); lost on restart, harmless.
  const flashes = new Map<string, string[]>();
  const web = new Hono<Env>();
  const headers = securityHeaders();
  const limit = bodyLimit({ maxSize: 64 * 1024, onError: (ctx) => ctx.text("too large", 413) });
  // Mounted at the server's root, so the middleware picks its own paths (not /healthz, /chat).
  const ours = (path: string) =>
    path === "/console" || path.startsWith("/console/") || path.startsWith(`${SIGN_IN_PATH}/`);
  web.use("*", async (ctx, next) => {
    if (!ours(ctx.req.path)) return next();
    if (ctx.req.method === "POST") {
      const refused = await limit(ctx, async () => {});
      if (refused) return refused;
    }
    await headers(ctx, async () => {
      if (ctx.req.path.startsWith("/console") && ctx.req.path !== CSS_PATH) {
        const stopped = await guard(ctx, next);
        if (stopped) ctx.res = stopped;
      } else await next();
    });
    if (ctx.req.path !== CSS_PATH) ctx.header("Cache-Control", "no-store");
  });

  const show = (ctx: Context, body: Html, status: 200 | 401 | 403 | 404 = 200) =>
    ctx.html(body.value, status);
  const refuse = (ctx: Context, actor: string, reason: string, session?: SignedIn) => {
    store.audit.record(clock(), actor, "console.refused", undefined, {
      reason,
      path: ctx.req.path.slice(0, 80),
    });
    log.warn({ reason }, "console_refused");
    return show(ctx, noticePage(text, "refused_title", [c(reason)], session), 403);
  };

  web.get(CSS_PATH, (ctx) =>
    ctx.body(CONSOLE_CSS, 200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    }),
  );

  // ── Sign-in ────────────────────────────────────────────────────────────────────────────
  const invalidLink = (ctx: Context, stage: string) => {
    store.audit.record(clock(), "web", "console.signin_refused", undefined, { stage });
    log.warn({ stage }, "console_signin_refused");
    return show(ctx, noticePage(text, "signin_invalid_title", [c("signin_invalid")]), 403);
  };
  web.get(`${SIGN_IN_PATH}/:token`, (ctx) => {
    const token = ctx.req.param("token");
    const owner = sessions.peek(token, clock());
    if (!owner) return invalidLink(ctx, "open");
    // Ties the sign-in form to this browser (a token per visit, checked on the POST).
    const pre = newSecret();
    setCookie(ctx, preCookie, pre, {
      path: SIGN_IN_PATH,
      httpOnly: true,
      sameSite: "Strict",
      secure,
      maxAge: 600,
    });
    return show(ctx, signInPage(text, token, owner.name, pre));
  });
  web.post(`${SIGN_IN_PATH}/:token`, async (ctx) => {
    const form = await ctx.req.parseBody();
    if (!sameSecret(field(form, "_csrf") || undefined, getCookie(ctx, preCookie))) {
      return refuse(ctx, "web", "csrf_refused");
    }
    const now = clock();
    const signed = sessions.signIn(ctx.req.param("token"), now);
    if (!signed) return invalidLink(ctx, "use");
    deleteCookie(ctx, preCookie, { path: SIGN_IN_PATH, secure });
    setCookie(ctx, cookieName, signed.id, {
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

  // ── Everything under /console needs a session of current staff ──────────────────────────
  /** Lets the request through (returns nothing), or returns the refusal to send instead. */
  async function guard(
    ctx: Context<Env>,
    next: () => Promise<void>,
  ): Promise<Response | undefined> {
    const now = clock();
    const session = sessions.find(getCookie(ctx, cookieName), now);
    if (!session) {
      if (ctx.req.method !== "GET") return refuse(ctx, "web", "signin_needed");
      return show(
        ctx,
        noticePage(text, "signin_needed_title", [c("signin_needed"), c("signin_local")]),
        401,
      );
    }
    if (!desk.isStaff(session.actor)) {
      sessions.end(session.key);
      deleteCookie(ctx, cookieName, { path: "/", secure });
      return refuse(ctx, session.actor, "not_staff");
    }
    if (ctx.req.method === "POST") {
      const form = await ctx.req.parseBody();
      if (!sameSecret(field(form, "_csrf") || undefined, session.csrf)) {
        return refuse(ctx, session.actor, "csrf_refused", session);
      }
      ctx.set("form", form);
    }
    ctx.set("session", session);
    await next();
    return undefined;
  }

  web.post("/console/keluar", (ctx) => {
    const session = ctx.get("session");
    sessions.end(session.key);
    flashes.delete(session.key);
    deleteCookie(ctx, cookieName, { path: "/", secure });
    store.audit.record(clock(), session.actor, "console.signout");
    return show(ctx, noticePage(text, "sign_out", [c("signed_out")]));
  });

  // ── Pages ──────────────────────────────────────────────────────────────────────────────
  web.get("/console", (ctx) => {
    const q = (name: string) => ctx.req.query(name)?.trim().slice(0, 40) || undefined;
    const filter: CaseFilter = {
      ref: q("ref"),
      status: q("status"),
      priority: q("priority"),
      category: q("category"),
      country: q("country"),
      channel: q("channel"),
    };
    const offset = Math.max(0, Math.min(1_000_000, Number.parseInt(q("offset") ?? "0", 10) || 0));
    const found = store.cases.search(filter, PAGE_SIZE + 1, offset);
    return show(
      ctx,
      caseListPage(text, ctx.get("session"), {
        filter,
        cases: found.slice(0, PAGE_SIZE),
        facets: store.cases.facets(),
        offset,
        pageSize: PAGE_SIZE,
        more: found.length > PAGE_SIZE,
      }),
    );
  });

  const findCase = (ctx: Context<Env>) => {
    const ref = normalizeCaseRef(ctx.req.param("ref") ?? "");
    return ref ? store.cases.byRef(ref) : undefined;
  };
  const notFound = (ctx: Context<Env>) =>
    show(ctx, noticePage(text, "not_found_title", [c("not_found")], ctx.get("session")), 404);

  web.get("/console/kasus/:ref", (ctx) => {
    const session = ctx.get("session");
    const record = findCase(ctx);
    if (!record) return notFound(ctx);
    store.audit.record(clock(), session.actor, "case.view", record.ref, { via: "web" });
    const flash = flashes.get(session.key) ?? [];
    flashes.delete(session.key);
    return show(
      ctx,
      casePage(
        text,
        session,
        {
          record,
          attachments: store.cases.attachments(record.id),
          conversation:
            record.userId === null ? undefined : store.messages.recent(record.userId, 500),
          events: store.cases.events(record.id),
        },
        flash,
      ),
    );
  });

  web.post("/console/kasus/:ref/:action", async (ctx) => {
    const session = ctx.get("session");
    const record = findCase(ctx);
    const name = ACTIONS[ctx.req.param("action") as keyof typeof ACTIONS];
    if (!record || !name) return notFound(ctx);
    const form = ctx.get("form");
    let rest = "";
    if (name === "balas" || name === "catatan")
      rest = field(form, "text").trim().slice(0, MAX_TEXT);
    if (name === "status") {
      const status = field(form, "status");
      // The desk also accepts Indonesian words; the form only sends the internal names.
      const known = (CASE_STATUSES as readonly string[]).includes(status) ? status : "";
      rest = `${known || "?"} ${field(form, "office").trim().slice(0, 120)}`.trim();
    }
    const command: StaffCommand = { name, ref: record.ref, rest };
    const replies = await app.act({ actor: session.actor, name: session.name }, command);
    flashes.set(session.key, replies);
    return ctx.redirect(`/console/kasus/${record.ref}`, 303);
  });

  web.get("/console/statistik", (ctx) => {
    const now = clock();
    const since = weekStart(now) - (WEEKS - 1) * 7 * 86_400_000;
    const stats = statistics(
      store.cases.createdSince(since),
      store.flowStats.totals(since, now),
      now,
      WEEKS,
    );
    return show(ctx, statsPage(text, ctx.get("session"), stats, questionNamer(app.flows, text)));
  });

  web.get("/console/media/:id", async (ctx) => {
    const session = ctx.get("session");
    const id = Number.parseInt(ctx.req.param("id"), 10);
    const attachment = Number.isSafeInteger(id) ? store.cases.attachment(id) : undefined;
    const caseRecord =
      attachment?.caseId !== null && attachment?.caseId !== undefined
        ? store.cases.get(attachment.caseId)
        : undefined;
    const file =
      attachment && caseRecord ? await mediaResponse(attachment, options.mediaDir) : undefined;
    if (!file || !caseRecord) return notFound(ctx);
    store.audit.record(clock(), session.actor, "case.media", caseRecord.ref, { id });
    return ctx.body(new Uint8Array(file.body), 200, file.headers);
  });

  http.app.route("/", web);
}
