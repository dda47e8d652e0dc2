/**
 * Maps what the Bot API said about a failed send to what the outbox should do next.
 */
import { GrammyError, HttpError } from "grammy";
import { DeliveryError } from "../channel.ts";

/** Private chats: descriptions meaning the person can no longer be reached at all. */
const GONE =
  /blocked by the user|user is deactivated|chat not found|user not found|PEER_ID_INVALID|can't initiate conversation|bot can't send messages to bots/i;

/** The wait Telegram asked for, in ms (a 429 without it waits one second). */
function retryAfterMs(error: GrammyError): number {
  const seconds = error.parameters?.retry_after;
  return (typeof seconds === "number" && seconds > 0 ? seconds : 1) * 1000;
}

/**
 * Classifies a failed Bot API call:
 * - 429 → retry after `retry_after`;
 * - 403 (blocked, deactivated) and 400 "chat not found" in a private chat → unreachable;
 * - other 400s → permanent (the request itself is wrong; retrying cannot help);
 * - network errors, 5xx, 401 (token revoked) and anything unknown → retry.
 * In a group (the staff group) nothing is "unreachable": the bot may be re-added, and staff
 * messages must not be dropped wholesale, so 403s and a missing chat are retried (bounded by
 * the outbox's attempt limit) and logged loudly by the outbox.
 */
export function toDeliveryError(error: unknown, group: boolean): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof GrammyError) {
    const what = `telegram ${error.method} ${error.error_code}: ${error.description}`;
    if (error.error_code === 429) return new DeliveryError(what, "retry", retryAfterMs(error));
    if (error.error_code === 403) return new DeliveryError(what, group ? "retry" : "unreachable");
    if (error.error_code === 400) {
      if (GONE.test(error.description)) {
        return new DeliveryError(what, group ? "retry" : "unreachable");
      }
      return new DeliveryError(what, "permanent");
    }
    return new DeliveryError(what, "retry");
  }
  if (error instanceof HttpError)
    return new DeliveryError(`telegram network: ${error.message}`, "retry");
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(`telegram: ${message}`, "retry");
}

/** True for a 400 that is about the request's content (a bad file id, a bad caption …). */
export function isBadRequest(error: unknown): error is GrammyError {
  return error instanceof GrammyError && error.error_code === 400 && !GONE.test(error.description);
}
