import type { MediaRef, OutMessage, UserInput } from "../engine/types.ts";

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
  /**
   * The channel shows the bot's answers in the same exchange (the web form's next page, the
   * terminal's next prompt): {@link Receive} then resolves only once the answers to this
   * address have gone out. Other messages never wait on sending.
   */
  awaitReplies?: boolean;
  /**
   * An outreach entry code that came with the message outside its text (the web chat's
   * `?src=` link); the runtime reads codes in payloads and texts itself.
   */
  entry?: string;
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
  | "unreachable"
  /**
   * Not tried: the channel is stopping and would have to wait (a rate limit). The message stays
   * due for the next start, and no attempt is counted.
   */
  | "deferred";

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

/** A message in a staff chat, translated from the channel's format. */
export interface StaffInbound {
  channel: string;
  /** The staff chat's address (a group id, a group JID, `staff` in the simulator). */
  chat: string;
  /** Who wrote, as the channel identifies them (a Telegram user id, phone digits, a simulator id). */
  sender: string;
  /** A display name for messages to other staff, if the channel knows one. */
  senderName?: string;
  /** The channel's id of this message. */
  messageId: string;
  text?: string;
  media?: MediaRef;
  /** The bot message this one replies to: by outbox ref, or by the channel's own message id. */
  replyTo?: { ref: number } | { channelMessageId: string };
  /** The id of the action (a button under a bot message) the staff member tapped. */
  action?: string;
}

/** Hands a staff message to the staff desk. */
export type ReceiveStaff = (message: StaffInbound) => Promise<void>;

/**
 * Hands an inbound message to the bot; resolves once it is stored with its answers queued (and
 * with `awaitReplies`, once those answers have gone out).
 */
export type Receive = (inbound: Inbound) => Promise<void>;

/**
 * What a channel hands what it receives to (the app is one), given to {@link Channel.start}:
 * users' messages go to `receive`, staff chats' messages and button taps to `receiveStaff`.
 */
export interface ChannelHost {
  receive: Receive;
  receiveStaff: ReceiveStaff;
  /**
   * Whether the bot would take a file from this user now (a question asks for one, or a case
   * is open): the web chat asks before it reads an upload.
   */
  acceptsMedia(channel: string, address: string): boolean;
  /** Tells every staff chat about a problem a channel ran into, by the key of a staff text. */
  alertStaff(key: string, vars?: Record<string, string | number>): Promise<void>;
  /**
   * Resolves once everything due has gone out (or waits for a retry): the simulator prints
   * everything one input line caused, staff notices included; tests wait for it too.
   */
  idle(): Promise<void>;
}

/**
 * A channel adapter: it translates between one messaging service and the bot, and nothing
 * else. It never touches the database.
 */
export interface Channel {
  readonly name: string;
  /** Starts receiving messages, users' and staff chats', and handing them to `host`. */
  start(host: ChannelHost): Promise<void>;
  /**
   * False once the channel stopped receiving by itself (e.g. Telegram's long polling ended):
   * `/healthz` reports it. Absent for channels that cannot fail that way.
   */
  readonly healthy?: boolean;
  /** Stops receiving; resolves when in-flight messages are handled. */
  stop(): Promise<void>;
  /**
   * Delivers one message, or throws a {@link DeliveryError}. May return the channel's id of the
   * sent message (the last part, if split), so replies to it can be traced to a case.
   */
  deliver(out: Outgoing): Promise<string | undefined>;
}
