/**
 * What to do when the WhatsApp connection closes, by the status code Baileys reports. Baileys
 * never reconnects by itself; getting this wrong either loses the bot or gets it banned.
 */

/** Baileys' close codes (`DisconnectReason`), named for what they mean here. */
export const CLOSE = {
  connectionClosed: 428,
  connectionLost: 408,
  loggedOut: 401,
  forbidden: 403,
  connectionReplaced: 440,
  badSession: 500,
  restartRequired: 515,
  multideviceMismatch: 411,
  unavailableService: 503,
} as const;

/** The manager's reaction to a close. */
export type CloseAction =
  /** Reconnect at once with the same credentials (normal right after pairing). */
  | { kind: "restart" }
  /** The phone unlinked the bot: forget the credentials and pair again. */
  | { kind: "logged_out" }
  /** Stop for good until an operator acts; reconnecting would loop or make things worse. */
  | { kind: "stop"; reason: "replaced" | "forbidden" }
  /** Try again after a backoff. */
  | { kind: "backoff" };

/** The status code of a close error (a Boom error carries it in `output.statusCode`). */
export function statusCode(error: unknown): number | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const output = (error as { output?: { statusCode?: unknown } }).output;
  return typeof output?.statusCode === "number" ? output.statusCode : undefined;
}

/** Decides what to do after the connection closed with `code`. */
export function closeAction(code: number | undefined): CloseAction {
  switch (code) {
    case CLOSE.restartRequired:
      return { kind: "restart" };
    case CLOSE.loggedOut:
      return { kind: "logged_out" };
    case CLOSE.connectionReplaced:
      // Another socket with the same credentials took over; reconnecting ping-pongs forever.
      return { kind: "stop", reason: "replaced" };
    case CLOSE.forbidden:
      // The account is blocked or restricted: a human has to look at the phone.
      return { kind: "stop", reason: "forbidden" };
    default:
      return { kind: "backoff" };
  }
}

/** True for the "Connection Closed" error Baileys throws from calls on a dead socket. */
export function isConnectionClosed(error: unknown): boolean {
  const code = statusCode(error);
  return (
    code === CLOSE.connectionClosed ||
    code === CLOSE.connectionLost ||
    (error instanceof Error && /connection (closed|lost)/i.test(error.message))
  );
}
