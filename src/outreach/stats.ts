/**
 * Statistics by source and week, safe to show: a count from 1 to 4 is shown as "< 5" so a
 * village group cannot point at a reporter, and when a total would give such a count away
 * (the total minus the other weeks), one more count of that column is hidden ("*"). The page,
 * its chart and the CSV all take their numbers from here, so they agree.
 */
import type { Source, SourceCount } from "../store/sources.ts";
import { METRIC, TRACKED_FLOWS } from "./tracker.ts";

/** Counts below this are not shown. */
export const SMALL = 5;
/** How a small count is shown. */
export const SMALL_TEXT = "< 5";
/** How a count hidden to protect a small one is shown. */
export const HIDDEN_TEXT = "*";

/** The weekly columns, in order. */
export const COLUMNS: readonly string[] = [
  METRIC.newUsers,
  ...TRACKED_FLOWS.map((f) => METRIC.flow(f)),
  METRIC.report,
  METRIC.emergency,
];

/** A count as shown, and the number a chart may draw (0 when hidden). */
export interface Shown {
  text: string;
  /** The count when shown, else 0. */
  value: number;
}

/**
 * Shows a group of counts that add up to `total`: small ones as "< 5"; if the total is shown
 * and exactly one count is small, the smallest other non-zero count is hidden too, so the
 * small one cannot be worked out. Zero is shown (it names no one).
 */
export function protect(cells: readonly number[], total: number): { cells: Shown[]; total: Shown } {
  const small = (n: number) => n > 0 && n < SMALL;
  const shown = (n: number): Shown =>
    small(n) ? { text: SMALL_TEXT, value: 0 } : { text: String(n), value: n };
  const out = cells.map(shown);
  const totalShown = shown(total);
  if (!small(total) && cells.filter(small).length === 1) {
    let pick = -1;
    cells.forEach((n, i) => {
      if (n >= SMALL && (pick < 0 || n < (cells[pick] as number))) pick = i;
    });
    if (pick >= 0) out[pick] = { text: HIDDEN_TEXT, value: 0 };
  }
  return { cells: out, total: totalShown };
}

/** One source's numbers over the period. */
export interface SourceStats {
  source: Source;
  /** Per column: one shown count per week, and the period's total. */
  columns: Record<string, { weeks: Shown[]; total: Shown }>;
  /** Language share of the period's new users. */
  lang: { id: Shown; mad: Shown };
  /** True when anything was counted in the period. */
  active: boolean;
}

/**
 * The statistics of every source for `weeks` (week numbers, oldest first), from the counters.
 * Sources with nothing counted in the period come last.
 */
export function sourceStatistics(
  sources: readonly Source[],
  counts: readonly SourceCount[],
  weeks: readonly number[],
): SourceStats[] {
  const value = (source: number, week: number, metric: string) =>
    counts.find((c) => c.sourceId === source && c.week === week && c.metric === metric)?.n ?? 0;
  const stats = sources.map((source): SourceStats => {
    const sum = (metric: string) => weeks.reduce((s, w) => s + value(source.id, w, metric), 0);
    const columns = Object.fromEntries(
      COLUMNS.map((metric) => {
        const group = protect(
          weeks.map((w) => value(source.id, w, metric)),
          sum(metric),
        );
        return [metric, { weeks: group.cells, total: group.total }];
      }),
    ) as SourceStats["columns"];
    const lang = protect([sum(METRIC.lang("id")), sum(METRIC.lang("mad"))], sum(METRIC.newUsers));
    return {
      source,
      columns,
      lang: { id: lang.cells[0] as Shown, mad: lang.cells[1] as Shown },
      active: COLUMNS.some((metric) => sum(metric) > 0),
    };
  });
  return [...stats.filter((s) => s.active), ...stats.filter((s) => !s.active)];
}

/** A CSV field, quoted when needed. */
function field(text: string): string {
  return /[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The same numbers as CSV: one row per source and week, then one "total" row per source with
 * the language share. `weekLabel` writes a week (e.g. its Monday's date).
 */
export function statisticsCsv(
  stats: readonly SourceStats[],
  weeks: readonly number[],
  weekLabel: (week: number) => string,
  head: {
    code: string;
    name: string;
    week: string;
    total: string;
    columns: string[];
    lang: string[];
  },
): string {
  const lines = [[head.code, head.name, head.week, ...head.columns, ...head.lang]];
  for (const s of stats) {
    weeks.forEach((week, i) => {
      lines.push([
        s.source.code,
        s.source.name,
        weekLabel(week),
        ...COLUMNS.map((m) => s.columns[m]?.weeks[i]?.text ?? "0"),
        "",
        "",
      ]);
    });
    lines.push([
      s.source.code,
      s.source.name,
      head.total,
      ...COLUMNS.map((m) => s.columns[m]?.total.text ?? "0"),
      s.lang.id.text,
      s.lang.mad.text,
    ]);
  }
  // A byte-order mark, so spreadsheet programs read the names' accents right.
  return `\uFEFF${lines.map((l) => l.map(field).join(",")).join("\r\n")}\r\n`;
}
