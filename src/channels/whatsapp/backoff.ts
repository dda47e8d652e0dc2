/** Capped exponential backoff with jitter, for reconnects. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 60_000 };

/**
 * The wait before reconnect attempt `attempt` (0 for the first): the capped exponential delay,
 * scaled by a random factor in [0.5, 1] so that many clients (or restarts) do not retry in step.
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(exp * (0.5 + random() * 0.5));
}
