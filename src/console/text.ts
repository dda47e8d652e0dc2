import type { StaffText } from "../staff/render.ts";

/** A console text by its key inside the `console` namespace. */
export type ConsoleT = (key: string, params?: Record<string, unknown>) => string;

/** The console's texts (Indonesian, `locales/id/console.json`). */
export function consoleT(text: StaffText): ConsoleT {
  return (key, params) => text.text(`console.${key}`, params);
}
