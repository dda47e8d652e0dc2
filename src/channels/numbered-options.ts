/**
 * "Type N for option N": how every channel shows a message's options, as text or on buttons.
 * The engine takes a typed number as the option with that number, so the numbering lives here
 * once, next to the {@link Channel} interface, and every channel renders it the same way.
 */
import type { OutMessage, OutOption } from "../engine/types.ts";

/** An option as shown to the user: `2. Label` (typing `2` picks it). */
export function numberedLabel(label: string, index: number): string {
  return `${index + 1}. ${label}`;
}

/** A button's text without the number {@link numberedLabel} put in front of it. */
export function unnumbered(shown: string): string {
  return shown.replace(/^\d+\.\s*/, "");
}

/** The numbered option lines, one per option, each after `indent`. */
export function optionLines(options: readonly OutOption[], indent = ""): string[] {
  return options.map((o, i) => `${indent}${numberedLabel(o.label, i)}`);
}

/**
 * A message as plain text, for channels without buttons (and under Telegram's buttons, so a
 * typed number works too): the text, a blank line, then the numbered options.
 */
export function textWithOptions(message: Pick<OutMessage, "text" | "options">): string {
  const lines = optionLines(message.options ?? []);
  if (lines.length === 0) return message.text;
  return message.text ? `${message.text}\n\n${lines.join("\n")}` : lines.join("\n");
}
