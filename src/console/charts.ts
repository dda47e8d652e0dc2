/**
 * Charts as server-rendered SVG: no script, no library, a few kilobytes per chart. Every chart
 * has a title for screen readers and each bar a tooltip; pages add the numbers as a table.
 */
import { type Html, html } from "../http/html.ts";

/** One coloured part of every bar. */
export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** Colour-blind-safe colours (Okabe–Ito). */
export const PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#000000",
  "#F0E442",
] as const;
/** The grey of the folded "others" series. */
export const OTHERS_COLOR = "#9a9a9a";

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Tick step giving at most ~5 gridlines: 1, 2 or 5 times a power of ten. */
function tickStep(max: number): number {
  if (max <= 5) return max <= 0 ? 1 : Math.max(1, Math.ceil(max / 5));
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  return step;
}

/** A legend for a chart's series (small SVG swatches, since pages allow no inline styles). */
export function legend(series: readonly { name: string; color: string }[]): Html {
  return html`<ul class="legend">${series.map(
    (s) =>
      html`<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${s.color}" stroke="#333"/></svg> ${s.name}</li>`,
  )}</ul>`;
}

/** Vertical bars, one per label, stacked by series (a single series is a plain bar chart). */
export function stackedBars(options: {
  id: string;
  title: string;
  labels: readonly string[];
  series: readonly Series[];
}): Html {
  const { id, title, labels, series } = options;
  const width = 760;
  const height = 280;
  const left = 44;
  const right = 12;
  const top = 12;
  const bottom = 36;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const step = tickStep(Math.max(...totals, 0));
  const max = Math.max(step, Math.ceil(Math.max(...totals, 0) / step) * step);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const ticks: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push(v);
  const band = plotW / Math.max(1, labels.length);
  const barW = Math.max(2, band * 0.7);
  const grid = ticks.map(
    (v) =>
      html`<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${fmt(v)}</text>`,
  );
  const bars = labels.map((label, i) => {
    const x = left + i * band + (band - barW) / 2;
    let base = 0;
    const parts = series.map((s) => {
      const v = s.values[i] ?? 0;
      if (v <= 0) return "";
      const rect = html`<rect x="${x.toFixed(1)}" y="${y(base + v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + v)).toFixed(1)}" fill="${s.color}"><title>${label} · ${s.name}: ${fmt(v)}</title></rect>`;
      base += v;
      return rect;
    });
    const every = Math.ceil(labels.length / 12);
    const text =
      i % every === 0
        ? html`<text x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${label}</text>`
        : "";
    return html`${parts}${text}`;
  });
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title">
<title id="${id}-title">${title}</title>
${grid}
<line x1="${left}" x2="${width - right}" y1="${y(0)}" y2="${y(0)}" stroke="#333"/>
${bars}
</svg>${series.length > 1 ? legend(series) : ""}`;
}

/** Horizontal bars, one row per label, stacked by series, with the row's total at its end. */
export function horizontalBars(options: {
  id: string;
  title: string;
  rows: readonly { label: string; values: readonly number[] }[];
  series: readonly { name: string; color: string }[];
}): Html {
  const { id, title, rows, series } = options;
  const width = 760;
  const labelW = 340;
  const rowH = 22;
  const top = 6;
  const plotW = width - labelW - 60;
  const height = top * 2 + rows.length * rowH;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const bars = rows.map((row, i) => {
    const y = top + i * rowH;
    let x = labelW;
    const parts = row.values.map((v, k) => {
      if (v <= 0) return "";
      const w = (v / max) * plotW;
      const s = series[k];
      const rect = html`<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${s?.color ?? OTHERS_COLOR}"><title>${row.label} · ${s?.name ?? ""}: ${fmt(v)}</title></rect>`;
      x += w;
      return rect;
    });
    const total = row.values.reduce((a, b) => a + b, 0);
    const label = row.label.length > 52 ? `${row.label.slice(0, 51)}…` : row.label;
    return html`<text x="${labelW - 6}" y="${y + rowH / 2 + 4}" text-anchor="end">${label}</text>${parts}<text x="${(x + 4).toFixed(1)}" y="${y + rowH / 2 + 4}">${fmt(total)}</text>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title">
<title id="${id}-title">${title}</title>
<line x1="${labelW}" x2="${labelW}" y1="0" y2="${height}" stroke="#333"/>
${bars}
</svg>${series.length > 1 ? legend(series) : ""}`;
}
