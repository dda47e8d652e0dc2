import type { SocketConfig } from "@whiskeysockets/baileys";
import type { Logger } from "../../log.ts";

/** The logger shape Baileys expects. */
export type BaileysLogger = SocketConfig["logger"];

// WhatsApp ids (phone numbers, LIDs, group ids) and long digit runs that may be phone numbers.
const JID = /\b\d{5,}(?:-\d+)?(?::\d+)?@(?:s\.whatsapp\.net|c\.us|lid|g\.us|hosted|hosted\.lid)\b/g;
const DIGITS = /\b\d{9,15}\b/g;

/** Replaces WhatsApp ids and phone-number-like digit runs in a string. */
export function scrub(text: string): string {
  return text.replace(JID, "<jid>").replace(DIGITS, "<digits>");
}

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { type: value.name, message: scrub(value.message) };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, depth + 1);
  return out;
}

/** The Baileys log level for our log level: its `info` is chatty, so it starts at `warn`. */
export function baileysLevel(level: string): string {
  if (level === "debug" || level === "trace") return level;
  if (level === "error" || level === "fatal" || level === "silent") return level;
  return "warn";
}

/**
 * A logger for Baileys that never writes a phone number or WhatsApp id: the library logs JIDs
 * freely, and our logs must not hold reporters' personal data.
 */
export function baileysLogger(log: Logger): BaileysLogger {
  const base = log.child({ module: "baileys" });
  base.level = baileysLevel(log.level);
  const wrap = (target: Logger): BaileysLogger => {
    const emit =
      (method: "trace" | "debug" | "info" | "warn" | "error") => (obj: unknown, msg?: string) => {
        if (!target.isLevelEnabled(method)) return;
        const data = scrubValue(obj);
        const fields = data !== null && typeof data === "object" ? data : { value: data };
        target[method](fields as object, msg === undefined ? undefined : scrub(msg));
      };
    return {
      get level() {
        return target.level;
      },
      set level(value: string) {
        target.level = value;
      },
      child: (bindings) => wrap(target.child(scrubValue(bindings) as Record<string, unknown>)),
      trace: emit("trace"),
      debug: emit("debug"),
      info: emit("info"),
      warn: emit("warn"),
      error: emit("error"),
    };
  };
  return wrap(base);
}
