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
