import { Writable } from "node:stream";
import pino from "pino";

/** The logger type used across the app. */
export type Logger = pino.Logger;

/**
 * A pino logger writing JSON lines to stderr (stdout belongs to the terminal chat and the
 * simulator). Log events and ids, never message text or personal data.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: undefined }, destination ?? pino.destination({ dest: 2, sync: true }));
}

/**
 * The terminal chat's logger: every JSON line goes to `file` (created, owner-only), and only
 * warnings and errors also reach `terminal` as one readable line each, so the chat stays a chat.
 */
export function createChatLogger(
  level: string,
  file: string,
  terminal: NodeJS.WritableStream = process.stderr,
): Logger {
  if (level === "silent") return pino({ level });
  const streams: pino.StreamEntry[] = [
    {
      level: level as pino.Level,
      stream: pino.destination({ dest: file, sync: true, mkdir: true, mode: 0o600 }),
    },
  ];
  streams.push({
    level: level === "error" || level === "fatal" ? level : "warn",
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        terminal.write(`${readableLine(chunk.toString())}\n`);
        done();
      },
    }),
  });
  return pino({ level, base: undefined }, pino.multistream(streams));
}

/** One JSON log line as one short readable line: `warning: event (key=value …)`. */
export function readableLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trim();
  }
  const { level, time: _time, msg, ...rest } = record;
  const name = level === 50 || level === 60 ? "error" : "warning";
  const details = Object.entries(rest).map(([key, value]) => {
    const shown =
      value && typeof value === "object" && "message" in value
        ? String((value as { message: unknown }).message)
        : typeof value === "string"
          ? value
          : JSON.stringify(value);
    return `${key}=${shown}`;
  });
  const line = `${name}: ${String(msg ?? "")}${details.length ? ` (${details.join(", ")})` : ""}`;
  return line.replace(/\s*\n\s*/g, " ");
}
