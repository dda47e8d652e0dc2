/** A visitor's message as the form or the page's script sends it: fields → the channel's input. */
import { randomUUID } from "node:crypto";
import { MAX_TEXT, type WebInput } from "./channel.ts";

/** The message in a form or JSON body (a tapped choice or typed text); undefined when empty. */
export function inputOf(fields: Record<string, unknown>): WebInput | undefined {
  const choice = typeof fields.choice === "string" ? fields.choice.slice(0, 100) : "";
  if (choice) {
    const prompt = Number(fields.prompt);
    return {
      type: "choice",
      id: choice,
      ...(Number.isSafeInteger(prompt) && prompt > 0 ? { prompt } : {}),
    };
  }
  const text = typeof fields.text === "string" ? fields.text.trim().slice(0, MAX_TEXT) : "";
  return text ? { type: "text", text } : undefined;
}

/**
 * The message's id as the page made it (a resent form is answered once), or a new one when it
 * sent none or a malformed one.
 */
export function messageIdOf(fields: Record<string, unknown>): string {
  return typeof fields.mid === "string" && /^[\w-]{8,64}$/.test(fields.mid)
    ? fields.mid
    : randomUUID();
}
