import type { ConsoleContext, ConsoleWeb } from "../context.ts";
import { statsPage } from "../pages/stats.ts";
import { questionNamer, statistics, weekStart } from "../stats.ts";

/** Weeks the statistics page covers. */
const WEEKS = 12;

/** The statistics page. */
export function statsRoutes(web: ConsoleWeb, x: ConsoleContext): void {
  const { store, text, options } = x;
  web.get("/console/statistik", (ctx) => {
    const now = options.clock();
    const since = weekStart(now) - (WEEKS - 1) * 7 * 86_400_000;
    const stats = statistics(
      store.cases.createdSince(since),
      store.flowStats.totals(since, now),
      now,
      WEEKS,
    );
    const name = questionNamer(options.app.flows, text);
    return x.show(ctx, statsPage(text, ctx.get("session"), stats, name));
  });
}
