/**
 * The narrow slice of a Baileys socket the WhatsApp channel uses. The real socket is adapted to
 * it in `baileys-socket.ts`; tests implement it with an event emitter (no network).
 */
import type { Readable } from "node:stream";
import type {
  AnyMessageContent,
  AuthenticationState,
  BaileysEventMap,
  CacheStore,
  Contact,
  MiscMessageGenerationOptions,
  proto,
  WAMessage,
  WAMessageKey,
  WAPresence,
} from "@whiskeysockets/baileys";

/** The events the channel listens to, typed exactly as Baileys emits them. */
export type WaEventMap = Pick<
  BaileysEventMap,
  | "connection.update"
  | "creds.update"
  | "messages.upsert"
  | "messages.update"
  | "lid-mapping.update"
  | "messaging-history.set"
  | "contacts.upsert"
  | "contacts.update"
>;
export type WaEventName = keyof WaEventMap;

/** The part of the socket's event emitter the channel uses. */
export interface WaEvents {
  on<T extends WaEventName>(event: T, listener: (arg: WaEventMap[T]) => void): void;
  off<T extends WaEventName>(event: T, listener: (arg: WaEventMap[T]) => void): void;
}

/** A connected (or connecting) WhatsApp socket, as far as the channel is concerned. */
export interface WaSocket {
  readonly ev: WaEvents;
  /** The bot's own account, once logged in. */
  readonly user: Contact | undefined;
  sendMessage(
    jid: string,
    content: AnyMessageContent,
    options?: MiscMessageGenerationOptions,
  ): Promise<WAMessage | undefined>;
  readMessages(keys: WAMessageKey[]): Promise<void>;
  sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void>;
  /** Asks WhatsApp for an 8-character code to link this device by phone number. */
  requestPairingCode(phoneNumber: string): Promise<string>;
  /** Downloads (and decrypts) a message's media as a stream. */
  downloadMedia(message: WAMessage): Promise<Readable>;
  /** The phone-number JID of a LID, if the library has seen the pair. */
  pnForLid(lid: string): Promise<string | undefined>;
  /** The LID of a phone-number JID, if known or discoverable. */
  lidForPn(pn: string): Promise<string | undefined>;
  /** Closes the connection (never logs out). */
  end(error?: Error): void;
}

/** What a socket is made from. */
export interface SocketParams {
  auth: AuthenticationState;
  /** Serves the library's retry requests from the messages we stored when sending. */
  getMessage(key: WAMessageKey): Promise<proto.IMessage | undefined>;
  /** Kept across sockets so retries do not loop after a reconnect. */
  msgRetryCounterCache: CacheStore;
}

/** Makes one socket; called again for every (re)connect. */
export type SocketFactory = (params: SocketParams) => WaSocket;
