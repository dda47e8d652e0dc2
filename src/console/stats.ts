/**
 * The numbers behind the statistics page: cases per week by category and by destination
 * country, the median time to a first staff response, how often each flow is entered, and
 * which questions people leave unanswered.
 */
import type { FlowSet } from "../engine/flow.ts";
import { weekOf, weekStartMs } from "../outreach/week.ts";
import { DANGER_RULE_FLOW_PREFIX } from "../runtime/danger-moves.ts";
import type { StaffText } from "../staff/render.ts";
import type { CaseRecord } from "../store/cases.ts";
import type { NodeTotals } from "../store/flow-stats.ts";

const DAY_MS = 86_400_000;

/** Monday 00:00 WIB of the week containing `ms` (the same weeks as the outreach counters). */
export function weekStart(ms: number): number {
  return weekStartMs(weekOf(ms));
}

/** The median of some numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Counts per week for one value of a breakdown (a category, a country). */
export interface Breakdown {
  /** The value's code; `null` for "other values" folded together, `""` for none. */
  key: string | null;
  counts: number[];
}

/** Everything the statistics page shows. */
export interface Statistics {
  /** Week starts (ms), oldest first. */
  weeks: number[];
  byCategory: Breakdown[];
  byCountry: Breakdown[];
  /** Median hours to a first response per week (by the week a case came in). */
  responseHours: (number | null)[];
  /** Cases with a first response per week. */
  responded: number[];
  overallHours: number | null;
  overallResponded: number;
  /** How often each flow was entered, most used first. */
  flows: { flow: string; entries: number }[];
  /** Questions by how often they went unanswered, worst first. */
  dropoff: (NodeTotals & { dropped: number; rate: number })[];
  /**
   * Per danger rule: emergencies it started, and how many the person then declined or left
   * for something else (a misunderstanding), most started first.
   */
  dangerRules: { rule: string; started: number; declined: number; left: number }[];
}

/**
 * Counts per week of `keyOf(case)`; the `top` most frequent keys get their own series, the
 * rest are folded into one (`key: null`).
 */
function breakdown(
  cases: readonly CaseRecord[],
  weeks: readonly number[],
  keyOf: (c: CaseRecord) => string,
  top: number,
): Breakdown[] {
  const totals = new Map<string, number>();
  for (const c of cases) totals.set(keyOf(c), (totals.get(keyOf(c)) ?? 0) + 1);
  const kept = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, totals.size > top ? top - 1 : top)
    .map(([key]) => key);
  const series = new Map<string | null, number[]>(kept.map((k) => [k, weeks.map(() => 0)]));
  if (totals.size > kept.length)
    series.set(
      null,
      weeks.map(() => 0),
    );
  for (const c of cases) {
    const index = weeks.indexOf(weekStart(c.createdAt));
    if (index < 0) continue;
    const key = kept.includes(keyOf(c)) ? keyOf(c) : null;
    const counts = series.get(key) as number[];
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return [...series.entries()].map(([key, counts]) => ({ key, counts }));
}

/** Computes the statistics for the `weeks` weeks up to and including the one of `now`. */
export function statistics(
  cases: readonly CaseRecord[],
  nodes: readonly NodeTotals[],
  now: number,
  weeks = 12,
): Statistics {
  const current = weekStart(now);
  const starts = Array.from({ length: weeks }, (_, i) => current - (weeks - 1 - i) * 7 * DAY_MS);
  const inPeriod = cases.filter((c) => c.createdAt >= (starts[0] as number));
  const country = (c: CaseRecord) =>
    typeof c.answers.country === "string" ? c.answers.country : "";
  const hours = (c: CaseRecord) =>
    c.firstResponseAt === null ? undefined : (c.firstResponseAt - c.createdAt) / 3_600_000;
  const perWeek = starts.map((start) =>
    inPeriod
      .filter((c) => weekStart(c.createdAt) === start)
      .map(hours)
      .filter((h): h is number => h !== undefined),
  );
  const all = perWeek.flat();
  const rules = new Map<
    string,
    { rule: string; started: number; declined: number; left: number }
  >();
  for (const n of nodes) {
    if (!n.flow.startsWith(DANGER_RULE_FLOW_PREFIX)) continue;
    const rule = n.flow.slice(DANGER_RULE_FLOW_PREFIX.length);
    const row = rules.get(rule) ?? { rule, started: 0, declined: 0, left: 0 };
    if (n.node === "started" || n.node === "declined" || n.node === "left")
      row[n.node] += n.reached;
    rules.set(rule, row);
  }
  // The rules' counters are not questions: they stay out of the flows and the drop-off.
  const questions = nodes.filter((n) => !n.flow.startsWith(DANGER_RULE_FLOW_PREFIX));
  const flows = new Map<string, number>();
  for (const n of questions) flows.set(n.flow, (flows.get(n.flow) ?? 0) + n.entries);
  return {
    weeks: starts,
    byCategory: breakdown(inPeriod, starts, (c) => c.category, 6),
    byCountry: breakdown(inPeriod, starts, country, 6),
    responseHours: perWeek.map((h) => median(h)),
    responded: perWeek.map((h) => h.length),
    overallHours: median(all),
    overallResponded: all.length,
    flows: [...flows.entries()]
      .filter(([, entries]) => entries > 0)
      .map(([flow, entries]) => ({ flow, entries }))
      .sort((a, b) => b.entries - a.entries || a.flow.localeCompare(b.flow)),
    dropoff: questions
      .map((n) => {
        const dropped = Math.max(0, n.reached - n.answered);
        return { ...n, dropped, rate: n.reached ? dropped / n.reached : 0 };
      })
      .filter((n) => n.dropped > 0)
      .sort((a, b) => b.dropped - a.dropped || b.rate - a.rate || a.flow.localeCompare(b.flow)),
    dangerRules: [...rules.values()].sort(
      (a, b) => b.started - a.started || a.rule.localeCompare(b.rule),
    ),
  };
}

/** Names flows and their questions for people: the menu's label, the question's own words. */
export type QuestionNamer = (flow: string, node?: string) => string;

/** A {@link QuestionNamer} over the flows, in Indonesian. */
export function questionNamer(flows: FlowSet, text: StaffText): QuestionNamer {
  return (flow, node) => {
    const name = text.label("system.flow_", flow);
    if (node === undefined) return name;
    const found: unknown = flows.get(flow)?.nodes[node];
    const key =
      found && typeof found === "object" && "text" in found && typeof found.text === "string"
        ? found.text
        : undefined;
    const question = key ? text.text(key).replace(/\s+/g, " ").trim() : node;
    return `${name} › ${question.length > 60 ? `${question.slice(0, 59)}…` : question}`;
  };
}
