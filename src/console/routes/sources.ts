/**
 * The console's outreach routes: the sources and the form to make one, a source's links and
 * QR codes, its printable poster or cards, and the statistics by source with their CSV.
 */
import type { Context } from "hono";
import { LANGS, type Lang } from "../../engine/types.ts";
import { normalizeSourceCode } from "../../outreach/code.ts";
import { createSource } from "../../outreach/create.ts";
import { POSTER_CSS, posterPage } from "../../outreach/poster.ts";
import { sourceStatistics, statisticsCsv } from "../../outreach/stats.ts";
import { weekDate, weekOf } from "../../outreach/week.ts";
import { type ConsoleContext, type ConsoleEnv, type ConsoleWeb, field } from "../context.ts";
import { noticePage } from "../pages/notice.ts";
import { columnHeads, sourceStatsPage } from "../pages/source-stats.ts";
import { SOURCES_PATHS, sourceListPage, sourcePage, sourcesT } from "../pages/sources.ts";

/** Weeks the statistics cover. */
export const SOURCE_WEEKS = 12;
/** The setting that remembers the office name printed last. */
const OFFICE_SETTING = "outreach_office";

/** `dd/mm` of a week's Monday. */
function weekLabel(week: number): string {
  const [, month, day] = weekDate(week).split("-");
  return `${day}/${month}`;
}

/** The weeks of the statistics, oldest first, up to the week of `now`. */
export function statisticsWeeks(now: number, count = SOURCE_WEEKS): number[] {
  const current = weekOf(now);
  return Array.from({ length: count }, (_, i) => current - (count - 1 - i) * 7);
}

/** Adds the outreach routes. */
export function sourceRoutes(web: ConsoleWeb, x: ConsoleContext): void {
  const { store, text, options } = x;
  const kit = options.app.outreach;
  const s = sourcesT(text);
  const stats = () => {
    const weeks = statisticsWeeks(options.clock());
    return {
      weeks,
      stats: sourceStatistics(store.sources.all(), store.sources.counts(weeks[0]), weeks),
    };
  };
  const takeFlash = (ctx: Context<ConsoleEnv>) => {
    const key = ctx.get("session").key;
    const flash = x.flashes.get(key) ?? [];
    x.flashes.delete(key);
    return flash;
  };
  const findSource = (ctx: Context<ConsoleEnv>) => {
    const code = normalizeSourceCode(ctx.req.param("code") ?? "");
    return code ? store.sources.byCode(code) : undefined;
  };
  const notFound = (ctx: Context<ConsoleEnv>) =>
    x.show(ctx, noticePage(text, "not_found_title", [x.c("not_found")], ctx.get("session")), 404);

  web.get(SOURCES_PATHS.list, (ctx) => {
    const { stats: all } = stats();
    const newUsers = new Map(
      all.map((st) => [st.source.id, st.columns.new_users?.total.text ?? "0"]),
    );
    const view = {
      sources: store.sources.all(),
      newUsers,
      places: kit.places,
      flash: takeFlash(ctx),
    };
    return x.show(ctx, sourceListPage(text, ctx.get("session"), view));
  });

  web.post(SOURCES_PATHS.list, (ctx) => {
    const session = ctx.get("session");
    const form = ctx.get("form");
    const made = store.transaction(() =>
      createSource(
        store,
        {
          name: field(form, "name"),
          kind: field(form, "kind"),
          place: field(form, "place"),
          heldOn: field(form, "date"),
          lang: field(form, "lang"),
        },
        session.actor,
        options.clock(),
      ),
    );
    if ("error" in made) {
      x.flashes.set(session.key, [s(made.error)]);
      return ctx.redirect(SOURCES_PATHS.list, 303);
    }
    x.flashes.set(session.key, [s("created", { name: made.source.name, code: made.source.code })]);
    return ctx.redirect(SOURCES_PATHS.one(made.source.code), 303);
  });

  web.get(SOURCES_PATHS.css, (ctx) =>
    ctx.body(POSTER_CSS, 200, { "Content-Type": "text/css; charset=utf-8" }),
  );

  web.get("/console/sumber/:code", (ctx) => {
    const source = findSource(ctx);
    if (!source) return notFound(ctx);
    const found = stats().stats.find((st) => st.source.id === source.id);
    const links = Object.fromEntries(LANGS.map((l) => [l, kit.links(source, l)])) as Record<
      Lang,
      ReturnType<typeof kit.links>
    >;
    const view = {
      source,
      links,
      newUsers: found?.columns.new_users?.total.text ?? "0",
      office: store.settings.get(OFFICE_SETTING) ?? "",
      flash: takeFlash(ctx),
    };
    return x.show(ctx, sourcePage(text, ctx.get("session"), view));
  });

  web.get("/console/sumber/:code/cetak", (ctx) => {
    const source = findSource(ctx);
    if (!source) return notFound(ctx);
    const wanted = ctx.req.query("bahasa") ?? source.lang;
    const langs: Lang[] =
      wanted === "both" ? ["id", "mad"] : [LANGS.find((l) => l === wanted) ?? source.lang];
    const size = ctx.req.query("ukuran") === "a6" ? "a6" : "a4";
    const office = (ctx.req.query("kantor") ?? "").replace(/\s+/g, " ").trim().slice(0, 80);
    const now = options.clock();
    if (office && office !== store.settings.get(OFFICE_SETTING))
      store.settings.set(OFFICE_SETTING, office);
    store.audit.record(now, ctx.get("session").actor, "source.print", undefined, {
      code: source.code,
      size,
      langs: langs.join("+"),
    });
    return ctx.html(
      posterPage(kit, { source, langs, size, office, cssPath: SOURCES_PATHS.css }).value,
    );
  });

  web.get(SOURCES_PATHS.stats, (ctx) => {
    const { weeks, stats: all } = stats();
    const view = { stats: all, labels: weeks.map(weekLabel) };
    return x.show(ctx, sourceStatsPage(text, ctx.get("session"), view));
  });

  web.get(SOURCES_PATHS.csv, (ctx) => {
    const { weeks, stats: all } = stats();
    const now = options.clock();
    store.audit.record(now, ctx.get("session").actor, "source.export", undefined, {
      weeks: weeks.length,
    });
    const csv = statisticsCsv(
      all.filter((st) => st.active),
      weeks,
      weekDate,
      {
        code: s("col_code"),
        name: s("col_name"),
        week: s("col_week"),
        total: s("col_total"),
        columns: columnHeads(text),
        lang: [s("col_lang_id"), s("col_lang_mad")],
      },
    );
    return ctx.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="sumber-${weekDate(weeks.at(-1) ?? 0)}.csv"`,
    });
  });
}
