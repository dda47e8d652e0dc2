import * as z from "zod";
import {
  MEDIA_KINDS,
  type OutMessage,
  UNSUPPORTED_KINDS,
  type UserInput,
} from "../../engine/types.ts";

/**
 * One input line of the JSON-lines simulator (a fixed format, see README "Simulator protocol"):
 * `{"from":"user:ID","text":"..."}`, `{"from":"user:ID","choice":"OPTION_ID"}`,
 * `{"from":"user:ID","media":{"kind":"photo","caption":"..."}}` or
 * `{"from":"staff:ID","text":"...","replyTo":"REF"}`.
 */
export const SimLine = z
  .object({
    from: z.string().regex(/^(user|staff):[^\s]{1,64}$/, "from is user:ID or staff:ID"),
    text: z.string().optional(),
    choice: z.string().optional(),
    media: z
      .object({
        kind: z.enum([...MEDIA_KINDS, ...UNSUPPORTED_KINDS]),
        caption: z.string().optional(),
      })
      .optional(),
    replyTo: z.union([z.string(), z.number()]).transform(String).optional(),
  })
  .refine((l) => [l.text, l.choice, l.media].filter((v) => v !== undefined).length === 1, {
    message: "give exactly one of text, choice or media",
  });
export type SimLine = z.infer<typeof SimLine>;

/** One message in an output line. */
export interface SimMessage {
  to: string;
  ref: string;
  text: string;
  options?: { id: string; label: string }[];
}

/** Turns a user line into the engine's input. */
export function toInput(line: SimLine, serial: number): UserInput {
  if (line.choice !== undefined) return { type: "choice", id: line.choice };
  if (line.media) {
    const { kind, caption } = line.media;
    if ((UNSUPPORTED_KINDS as readonly string[]).includes(kind)) {
      return { type: "unsupported", what: kind as (typeof UNSUPPORTED_KINDS)[number] };
    }
    return {
      type: "media",
      media: {
        kind: kind as (typeof MEDIA_KINDS)[number],
        fileId: `sim-${serial}`,
        ...(caption !== undefined ? { caption } : {}),
      },
    };
  }
  return { type: "text", text: line.text ?? "" };
}

/** Formats a delivered message for the output line. */
export function toSimMessage(to: string, ref: number, message: OutMessage): SimMessage {
  const out: SimMessage = { to, ref: String(ref), text: message.text };
  if (message.options?.length)
    out.options = message.options.map((o) => ({ id: o.id, label: o.label }));
  return out;
}
