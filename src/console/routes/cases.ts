import type { Context } from "hono";
import { CASE_STATUSES } from "../../engine/types.ts";
import { normalizeCaseRef } from "../../runtime/case-ref.ts";
import type { StaffCommand } from "../../staff/commands/command.ts";
import type { CaseFilter } from "../../store/cases.ts";
import { type ConsoleContext, type ConsoleEnv, type ConsoleWeb, field } from "../context.ts";
import { LIVE_JS, LIVE_JS_PATH, WAITING_PATH } from "../live.ts";
import { mediaResponse } from "../media.ts";
import { casePage } from "../pages/case.ts";
import { caseListPage } from "../pages/cases.ts";
import { noticePage } from "../pages/notice.ts";

const PAGE_SIZE = 50;
/** Longest reply or note accepted from the console (a chat message's practical limit). */
const MAX_TEXT = 3500;
/** A case page's form, read as the staff command it runs on the case `ref`. */
type FormCommand = (form: Record<string, unknown>, ref: string) => StaffCommand;

const formText = (form: Record<string, unknown>) =>
  field(form, "text").trim().slice(0, MAX_TEXT) || undefined;

/** The forms of a case page, by the last part of their address. */
const FORMS: ReadonlyMap<string, FormCommand> = new Map<string, FormCommand>([
  ["balas", (form, ref) => ({ name: "balas", ref, text: formText(form) })],
  ["catatan", (form, ref) => ({ name: "catatan", ref, text: formText(form) })],
  ["ambil", (_, ref) => ({ name: "ambil", ref })],
  [
    "status",
    (form, ref) => {
      // The form sends the internal names only; anything else is answered as an unknown "?".
      const status = CASE_STATUSES.find((s) => s === field(form, "status"));
      const office = field(form, "office").trim().slice(0, 120).replace(/\s+/g, " ");
      return { name: "status", ref, status, word: status ?? "?", office };
    },
  ],
]);

/** The case list, a case's page, and its forms (run as staff commands by the desk's registry). */
export function caseRoutes(web: ConsoleWeb, x: ConsoleContext): void {
  const { store, text, c, options } = x;

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
    return x.show(
      ctx,
      caseListPage(text, ctx.get("session"), {
        filter,
        cases: found.slice(0, PAGE_SIZE),
        facets: store.cases.facets(),
        offset,
        pageSize: PAGE_SIZE,
        more: found.length > PAGE_SIZE,
        nameOf: (actor: string) => store.settings.staffName(actor),
        waiting: store.cases.waiting(),
      }),
    );
  });

  web.get(LIVE_JS_PATH, (ctx) =>
    ctx.body(LIVE_JS, 200, { "Content-Type": "text/javascript; charset=utf-8" }),
  );
  // Counts only, no reporter's data: the list page's script asks this every few seconds.
  web.get(WAITING_PATH, (ctx) => ctx.json(store.cases.waiting()));

  const findCase = (ctx: Context<ConsoleEnv>) => {
    const ref = normalizeCaseRef(ctx.req.param("ref") ?? "");
    return ref ? store.cases.byRef(ref) : undefined;
  };
  const notFound = (ctx: Context<ConsoleEnv>) =>
    x.show(ctx, noticePage(text, "not_found_title", [c("not_found")], ctx.get("session")), 404);

  web.get("/console/kasus/:ref", (ctx) => {
    const session = ctx.get("session");
    const record = findCase(ctx);
    if (!record) return notFound(ctx);
    store.audit.record(options.clock(), session.actor, "case.view", record.ref, { via: "web" });
    const flash = x.flashes.get(session.key) ?? [];
    x.flashes.delete(session.key);
    const view = {
      record,
      attachments: store.cases.attachments(record.id),
      conversation: record.userId === null ? undefined : store.messages.recent(record.userId, 500),
      events: store.cases.events(record.id),
      nameOf: (actor: string) => store.settings.staffName(actor),
    };
    return x.show(ctx, casePage(text, session, view, flash));
  });

  web.post("/console/kasus/:ref/:action", async (ctx) => {
    const session = ctx.get("session");
    const record = findCase(ctx);
    const form = FORMS.get(ctx.req.param("action"));
    if (!record || !form) return notFound(ctx);
    const command = form(ctx.get("form"), record.ref);
    const replies = await options.app.act({ actor: session.actor, name: session.name }, command);
    x.flashes.set(session.key, replies);
    return ctx.redirect(`/console/kasus/${record.ref}`, 303);
  });

  web.get("/console/media/:id", async (ctx) => {
    const session = ctx.get("session");
    const id = Number.parseInt(ctx.req.param("id"), 10);
    const attachment = Number.isSafeInteger(id) ? store.cases.attachment(id) : undefined;
    const caseId = attachment?.caseId;
    const record = caseId !== null && caseId !== undefined ? store.cases.get(caseId) : undefined;
    const file =
      attachment && record ? await mediaResponse(attachment, options.mediaDir) : undefined;
    if (!file || !record) return notFound(ctx);
    store.audit.record(options.clock(), session.actor, "case.media", record.ref, { id });
    return ctx.body(new Uint8Array(file.body), 200, file.headers);
  });
}
