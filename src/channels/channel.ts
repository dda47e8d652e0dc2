import type { OutMessage, UserInput } from "../engine/types.ts";

/** A message from a user, translated from the channel's own format. */
export interface Inbound {
  /** The channel's name (`telegram`, `whatsapp`, `terminal`, `sim` …). */
  channel: string;
  /** Who wrote, as the channel addresses them (a chat id, a JID, a name). */
  address: string;
  /** The channel's id of this message; a message seen twice is handled once. */
  messageId: string;
  input: UserInput;
  /** The language the user's app is set to, if the channel knows it. */
  langHint?: string;
}

/** A message for a channel to deliver. */
export interface Outgoing {
  /** The outbox id; also the message's `ref` for replies. */
  ref: number;
  address: string;
  message: OutMessage;
}

/** Why a delivery failed, which decides what the outbox does next. */
export type DeliveryFailure =
  /** Try again later (network, rate limit). */
  | "retry"
  /** This message can never be delivered (e.g. malformed); drop it, keep the rest. */
  | "permanent"
  /** The user cannot be reached at all (blocked the bot, deleted account). */
  | "unreachable";

/** Thrown by {@link Channel.deliver} to tell the outbox what happened. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly failure: DeliveryFailure,
    /** For `retry`: how long the channel asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

/** Hands an inbound message to the bot; resolves once it is stored and answered. */
export type Receive = (inbound: Inbound) => Promise<void>;

/**
 * A channel adapter: it translates between one messaging service and the bot, and nothing
 * else. It never touches the database.
 */
export interface Channel {
  readonly name: string;
  /** Starts receiving messages and passing them to `receive`. */
  start(receive: Receive): Promise<void>;
  /** Stops receiving; resolves when in-flight messages are handled. */
  stop(): Promise<void>;
  /** Delivers one message, or throws a {@link DeliveryError}. */
  deliver(out: Outgoing): Promise<void>;
}
