/**
 * Turns a country's numbers (data/countries.yaml) into the lines a `helplines` node shows.
 * Uncertain values ([U]) are never shown; single-source values ([S]) and values from pages
 * dated before 2023 (or undated) are shown with "please check again", as the fact sheet asks.
 */
import type { HelpLineText, PlaceHelp } from "../engine/deps.ts";
import type { Country, EmergencyNumber, HelpLine } from "./schema.ts";

/** Values read from pages older than this year carry "please check again". */
export const RECHECK_BEFORE_YEAR = 2023;

/** True when a value must be shown with "please check again". */
export function needsRecheck(entry: { checked: string; confidence: "V" | "S" | "U" }): boolean {
  if (entry.confidence !== "V") return true;
  const year = Number(entry.checked.slice(0, 4));
  return !Number.isFinite(year) || year < RECHECK_BEFORE_YEAR;
}

function emergencyLine(e: EmergencyNumber): HelpLineText {
  return {
    key: `places.line_emergency_${[...e.for].sort().join("_")}`,
    params: { number: e.number },
    recheck: needsRecheck(e),
    kind: "emergency",
  };
}

function helpLine(l: HelpLine, kind: "mission" | "workers"): HelpLineText {
  const params: Record<string, string> = { name: l.name };
  if (l.phone) params.phone = l.phone;
  if (l.whatsapp) params.whatsapp = l.whatsapp;
  const how = l.phone && l.whatsapp ? "both" : l.phone ? "phone" : "whatsapp";
  return {
    key: `places.line_${how}${l.note ? "_note" : ""}`,
    params: l.note ? { ...params, note: l.note } : params,
    recheck: needsRecheck(l),
    kind,
  };
}

/** The lines of one country, in the order they help most: local emergency, mission, workers. */
export function placeHelp(country: Country): PlaceHelp {
  const shown = <T extends { confidence: "V" | "S" | "U" }>(list: T[]) =>
    list.filter((e) => e.confidence !== "U");
  return {
    label: country.label,
    lines: [
      ...shown(country.emergency).map(emergencyLine),
      ...shown(country.missions).map((l) => helpLine(l, "mission")),
      ...shown(country.workers).map((l) => helpLine(l, "workers")),
    ],
  };
}

/** Every message key a country's lines can use (for the flow checker). */
export function placeKeys(country: Country): string[] {
  const lines = placeHelp(country).lines;
  return [
    ...lines.map((l) => l.key),
    ...lines.flatMap((l) => (l.params.note ? [l.params.note] : [])),
  ];
}
