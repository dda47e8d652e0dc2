/**
 * How options become Telegram inline keyboards, and how a tap's `callback_data` becomes a
 * choice again. The data carries the prompt number, so the engine can tell a tap on an old
 * keyboard from an answer to the current question.
 */
import type { InlineKeyboardMarkup } from "grammy/types";
import type { OutMessage, OutOption } from "../../engine/types.ts";
import { numberedLabel } from "../numbered-options.ts";

/** Telegram's limit for `callback_data`, in UTF-8 bytes. */
export const MAX_CALLBACK_DATA = 64;

/** A decoded tap. `prompt` is absent when the message had no prompt number. */
export interface Choice {
  id: string;
  prompt?: number;
}

/** `<prompt>:<option id>`, or `:<option id>` without a prompt; undefined if over 64 bytes. */
export function encodeChoice(id: string, prompt: number | undefined): string | undefined {
  const data = `${prompt ?? ""}:${id}`;
  return Buffer.byteLength(data, "utf8") <= MAX_CALLBACK_DATA ? data : undefined;
}

/** Reads data made by {@link encodeChoice}; undefined for anything else. */
export function decodeChoice(data: string | undefined): Choice | undefined {
  const m = data === undefined ? null : /^(\d*):(.+)$/s.exec(data);
  if (!m) return undefined;
  const id = m[2] as string;
  return m[1] ? { id, prompt: Number(m[1]) } : { id };
}

/**
 * What a message offers to tap: its options (answers to a question), or else a staff card's
 * actions (commands on the case), shown the same way, as numbered lines and buttons.
 */
export function choicesOf(message: OutMessage): OutOption[] {
  return message.options?.length ? message.options : (message.actions ?? []);
}

/**
 * One button per option or action (one per row: labels are sentences), labelled with the same
 * number as in the text. An option whose data would not fit is left out; its number still works.
 */
export function keyboardFor(message: OutMessage): InlineKeyboardMarkup | undefined {
  const rows = choicesOf(message).flatMap((o, i) => {
    const data = encodeChoice(o.id, message.prompt);
    return data ? [[{ text: numberedLabel(o.label, i), callback_data: data }]] : [];
  });
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}
