import type { Inbound } from "../channels/channel.ts";
import type { SessionState, StepResult, UserInput } from "../engine/types.ts";

/** What an arrival hook made of a message before the engine sees it. */
export interface Arrival {
  /** The input for the engine (e.g. with an outreach code taken out). */
  input: UserInput;
  langHint: string | undefined;
}

/**
 * Looks at each message around the engine's step, inside the message's transaction: before it
 * (`arrive`, which may change the input the engine sees) and after it (`record`, with what the
 * step did). Outreach uses it to read entry codes and count per source (`src/outreach/`).
 */
export interface ArrivalHooks<A extends Arrival = Arrival> {
  arrive(inbound: Inbound): A;
  record(
    userId: number,
    prev: SessionState | null,
    arrival: A,
    result: StepResult,
    now: number,
  ): void;
}
