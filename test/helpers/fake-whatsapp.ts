/**
 * A fake Baileys socket: an event emitter with the slice of the socket API the WhatsApp channel
 * uses. Tests push WhatsApp events into it and read what the channel sent. No network.
 */
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { Readable } from "node:stream";
import type {
  AnyMessageContent,
  Contact,
  proto,
  WAMessage,
  WAMessageKey,
  WAPresence,
} from "@whiskeysockets/baileys";
import type {
  SocketParams,
  WaEventMap,
  WaEventName,
  WaSocket,
} from "../../src/channels/whatsapp/socket.ts";

/** An error shaped like the Boom errors Baileys closes connections with. */
export function boom(statusCode: number, message = `closed with ${statusCode}`): Error {
  return Object.assign(new Error(message), { isBoom: true, output: { statusCode } });
}

/** One message the channel sent. */
export interface SentRecord {
  jid: string;
  content: AnyMessageContent;
  id: string;
}

/** The text a sent message shows (a caption for media). */
export function shownText(content: AnyMessageContent): string {
  if ("text" in content) return content.text;
  if ("caption" in content && typeof content.caption === "string") return content.caption;
  return "";
}

function protoOf(content: AnyMessageContent): proto.IMessage {
  if ("text" in content) return { extendedTextMessage: { text: content.text } };
  if ("image" in content) return { imageMessage: { caption: content.caption ?? null } };
  if ("audio" in content) return { audioMessage: { ptt: content.ptt ?? false } };
  if ("document" in content) return { documentMessage: { caption: content.caption ?? null } };
  if ("video" in content) return { videoMessage: { caption: content.caption ?? null } };
  return { conversation: "?" };
}

/** The fake socket. */
export class FakeWaSocket implements WaSocket {
  readonly emitter = new EventEmitter();
  readonly ev = {
    on: <T extends WaEventName>(event: T, listener: (arg: WaEventMap[T]) => void) => {
      this.emitter.on(event, listener);
    },
    off: <T extends WaEventName>(event: T, listener: (arg: WaEventMap[T]) => void) => {
      this.emitter.off(event, listener);
    },
  };
  user: Contact | undefined = { id: "6281100000001:7@s.whatsapp.net", lid: "99000001:7@lid" };
  readonly sent: SentRecord[] = [];
  readonly presence: { type: WAPresence; jid: string | undefined }[] = [];
  readonly read: WAMessageKey[] = [];
  readonly pairingRequests: string[] = [];
  /** Media bytes by message id. */
  readonly media = new Map<string, Buffer>();
  /** LID → phone-number JID pairs the "library" knows. */
  readonly lidToPn = new Map<string, string>();
  ended = false;
  /** Runs after each send (e.g. to emit a refusal); may throw to make the send fail. */
  onSend: ((record: SentRecord) => void) | undefined;

  constructor(readonly params: SocketParams) {}

  emit<T extends WaEventName>(event: T, arg: WaEventMap[T]): void {
    this.emitter.emit(event, arg);
  }

  open(): void {
    this.emit("connection.update", { connection: "open" });
  }

  close(statusCode: number | undefined): void {
    this.emit("connection.update", {
      connection: "close",
      lastDisconnect: {
        error: statusCode === undefined ? undefined : boom(statusCode),
        date: new Date(),
      },
    });
  }

  /** WhatsApp delivers messages: 'notify' live, 'append' what queued while offline. */
  upsert(messages: WAMessage[], type: "notify" | "append" = "notify"): void {
    this.emit("messages.upsert", { messages, type });
  }

  async sendMessage(
    jid: string,
    content: AnyMessageContent,
    options?: { messageId?: string },
  ): Promise<WAMessage | undefined> {
    if (this.ended) throw boom(428, "Connection Closed");
    const record = { jid, content, id: options?.messageId ?? randomUUID() };
    this.onSend?.(record);
    this.sent.push(record);
    return { key: { remoteJid: jid, fromMe: true, id: record.id }, message: protoOf(content) };
  }

  async readMessages(keys: WAMessageKey[]): Promise<void> {
    this.read.push(...keys);
  }

  async sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void> {
    this.presence.push({ type, jid: toJid });
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    if (this.ended) throw boom(428, "Connection Closed");
    this.pairingRequests.push(phoneNumber);
    return "ABCD1234";
  }

  async downloadMedia(message: WAMessage): Promise<Readable> {
    const bytes = this.media.get(message.key.id ?? "");
    if (!bytes) throw new Error("media not found");
    return Readable.from([bytes]);
  }

  async pnForLid(lid: string): Promise<string | undefined> {
    return this.lidToPn.get(lid);
  }

  async lidForPn(pn: string): Promise<string | undefined> {
    for (const [lid, p] of this.lidToPn) if (p === pn) return lid;
    return undefined;
  }

  end(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.emit("connection.update", {
      connection: "close",
      lastDisconnect: { error, date: new Date() },
    });
  }

  /** Texts sent, in order. */
  texts(jid?: string): string[] {
    return this.sent.filter((s) => !jid || s.jid === jid).map((s) => shownText(s.content));
  }
}

/** Makes fake sockets and remembers them. */
export class FakeWaFactory {
  readonly sockets: FakeWaSocket[] = [];

  readonly create = (params: SocketParams): FakeWaSocket => {
    const sock = new FakeWaSocket(params);
    this.sockets.push(sock);
    return sock;
  };

  /** The newest socket. */
  get last(): FakeWaSocket {
    const sock = this.sockets.at(-1);
    if (!sock) throw new Error("no socket was made");
    return sock;
  }
}

let serial = 0;

/** Builds an incoming message. */
export function incoming(options: {
  from: string;
  alt?: string;
  id?: string;
  text?: string;
  message?: proto.IMessage;
  group?: string;
  pushName?: string;
  fromMe?: boolean;
  stub?: number;
}): WAMessage {
  const id = options.id ?? `3EB0${(++serial).toString(16).padStart(12, "0").toUpperCase()}`;
  const key: WAMessage["key"] = options.group
    ? {
        remoteJid: options.group,
        participant: options.from,
        ...(options.alt ? { participantAlt: options.alt } : {}),
        fromMe: options.fromMe ?? false,
        id,
      }
    : {
        remoteJid: options.from,
        ...(options.alt ? { remoteJidAlt: options.alt } : {}),
        fromMe: options.fromMe ?? false,
        id,
      };
  const msg: WAMessage = {
    key,
    messageTimestamp: 1_795_000_000,
    pushName: options.pushName ?? "Siti",
  };
  if (options.message) msg.message = options.message;
  else if (options.text !== undefined) msg.message = { conversation: options.text };
  if (options.stub !== undefined) msg.messageStubType = options.stub;
  return msg;
}
