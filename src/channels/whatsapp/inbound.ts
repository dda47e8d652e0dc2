/**
 * Reads a Baileys message: who sent it, from where, and what it holds — or why the bot must
 * ignore it. Pure: no I/O, so every rule here is tested directly.
 */
import {
  getContentType,
  isHostedLidUser,
  isHostedPnUser,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isJidStatusBroadcast,
  isLidUser,
  isPnUser,
  jidNormalizedUser,
  normalizeMessageContent,
  type proto,
  type WAMessage,
  WAMessageStubType,
} from "@whiskeysockets/baileys";
import type { MediaKind, UnsupportedKind } from "../../engine/types.ts";

/** What a message holds, before any download. */
export type WaContent =
  | { type: "text"; text: string }
  | {
      type: "media";
      kind: MediaKind;
      /** The key of the media in the message (`imageMessage` …). */
      field: string;
      mime: string | undefined;
      size: number | undefined;
      caption: string | undefined;
      fileName: string | undefined;
    }
  | { type: "unsupported"; what: UnsupportedKind };

/** A sender's JIDs, normalised (no device part). */
export interface WaSender {
  /** The JID the message names as its sender. */
  jid: string;
  lid: string | undefined;
  pn: string | undefined;
  pushName: string | undefined;
}

/** Why a message is ignored. */
export type SkipReason =
  | "no_id"
  | "from_me"
  | "status"
  | "broadcast"
  | "newsletter"
  | "other_group"
  | "not_a_person"
  | "undecryptable"
  | "stub"
  | "empty"
  | "protocol";

/** A message from a person: a direct message to the bot, or a message in the staff group. */
export interface WaRead {
  kind: "user" | "staff";
  id: string;
  /** The chat: the person's JID for direct messages, the group's JID for the staff group. */
  chat: string;
  sender: WaSender;
  content: WaContent;
  quotedId: string | undefined;
  /** ms since the epoch. */
  sentAt: number | undefined;
}

/** A message read for the bot, or why it is ignored. */
export type WaInbound = { kind: "skip"; reason: SkipReason; id: string | undefined } | WaRead;

const SILENT_TYPES = new Set([
  "protocolMessage",
  "reactionMessage",
  "senderKeyDistributionMessage",
  "messageContextInfo",
  "pollUpdateMessage",
  "encReactionMessage",
  "keepInChatMessage",
  "pinInChatMessage",
  "encEventResponseMessage",
  "eventResponseMessage",
  "callLogMesssage",
  "botInvokeMessage",
]);

const MEDIA_FIELDS: Record<string, MediaKind> = {
  imageMessage: "photo",
  videoMessage: "video",
  ptvMessage: "video",
  documentMessage: "document",
};

const UNSUPPORTED_FIELDS: Record<string, UnsupportedKind> = {
  stickerMessage: "sticker",
  lottieStickerMessage: "sticker",
  stickerPackMessage: "sticker",
  locationMessage: "location",
  liveLocationMessage: "location",
  contactMessage: "contact",
  contactsArrayMessage: "contact",
  pollCreationMessage: "poll",
  pollCreationMessageV2: "poll",
  pollCreationMessageV3: "poll",
  pollCreationMessageV5: "poll",
};

function isLid(jid: string): boolean {
  return Boolean(isLidUser(jid) || isHostedLidUser(jid));
}

function isPn(jid: string): boolean {
  return Boolean(isPnUser(jid) || isHostedPnUser(jid));
}

function normalise(jid: string | null | undefined): string | undefined {
  if (!jid) return undefined;
  try {
    return jidNormalizedUser(jid) || undefined;
  } catch {
    return undefined;
  }
}

/** The sender's JIDs from a message key: the named JID and its alternate form, if given. */
export function senderOf(msg: WAMessage, group: boolean): WaSender | undefined {
  const key = msg.key;
  const jid = normalise(group ? key.participant : key.remoteJid);
  if (!jid || !(isLid(jid) || isPn(jid))) return undefined;
  const alt = normalise(group ? key.participantAlt : key.remoteJidAlt);
  const both = alt ? [jid, alt] : [jid];
  return {
    jid,
    lid: both.find(isLid),
    pn: both.find(isPn),
    pushName: msg.pushName ?? undefined,
  };
}

function number(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function text(value: string | null | undefined): string | undefined {
  return value ?? undefined;
}

/** What a message's content is, or undefined when there is nothing to act on. */
export function contentOf(message: proto.IMessage | null | undefined): WaContent | "silent" {
  const content = normalizeMessageContent(message);
  const field = getContentType(content);
  if (!content || !field) return "silent";
  if (SILENT_TYPES.has(field)) return "silent";
  if (field === "conversation") return { type: "text", text: content.conversation ?? "" };
  if (field === "extendedTextMessage")
    return { type: "text", text: content.extendedTextMessage?.text ?? "" };
  // Old clients may still answer old button or list messages.
  if (field === "buttonsResponseMessage")
    return { type: "text", text: content.buttonsResponseMessage?.selectedDisplayText ?? "" };
  if (field === "templateButtonReplyMessage")
    return { type: "text", text: content.templateButtonReplyMessage?.selectedDisplayText ?? "" };
  if (field === "listResponseMessage")
    return { type: "text", text: content.listResponseMessage?.title ?? "" };
  if (field === "audioMessage") {
    const audio = content.audioMessage;
    return {
      type: "media",
      kind: audio?.ptt ? "voice" : "audio",
      field,
      mime: text(audio?.mimetype),
      size: number(audio?.fileLength),
      caption: undefined,
      fileName: undefined,
    };
  }
  const kind = MEDIA_FIELDS[field];
  if (kind) {
    const media = content[field as "imageMessage"] as
      | (proto.Message.IImageMessage & proto.Message.IDocumentMessage)
      | null
      | undefined;
    return {
      type: "media",
      kind,
      field,
      mime: text(media?.mimetype),
      size: number(media?.fileLength),
      caption: text(media?.caption)?.trim() || undefined,
      fileName: text(media?.fileName),
    };
  }
  return { type: "unsupported", what: UNSUPPORTED_FIELDS[field] ?? "other" };
}

/** The id of the message this one quotes (a reply), if any. */
export function quotedIdOf(message: proto.IMessage | null | undefined): string | undefined {
  const content = normalizeMessageContent(message);
  const field = getContentType(content);
  if (!content || !field) return undefined;
  const inner = content[field] as { contextInfo?: proto.IContextInfo | null } | null | undefined;
  return typeof inner === "object" && inner
    ? (inner.contextInfo?.stanzaId ?? undefined)
    : undefined;
}

/**
 * Reads one upserted message. Everything not from a person to the bot — our own messages,
 * status posts, broadcasts, newsletters, groups other than the staff group, protocol messages,
 * reactions and messages that could not be decrypted — comes back as a skip with its reason.
 */
export function readMessage(msg: WAMessage, staffGroup: string | undefined): WaInbound {
  const key = msg.key;
  const id = key?.id ?? undefined;
  const skip = (reason: SkipReason): WaInbound => ({ kind: "skip", reason, id });
  const remote = key?.remoteJid ?? undefined;
  if (!id || !remote) return skip("no_id");
  if (key.fromMe) return skip("from_me");
  if (isJidStatusBroadcast(remote)) return skip("status");
  if (isJidNewsletter(remote)) return skip("newsletter");
  if (isJidBroadcast(remote)) return skip("broadcast");
  const group = Boolean(isJidGroup(remote));
  const chat = group ? remote : normalise(remote);
  if (group && remote !== staffGroup) return skip("other_group");
  if (msg.messageStubType === WAMessageStubType.CIPHERTEXT) return skip("undecryptable");
  const sender = senderOf(msg, group);
  if (!sender || !chat) return skip("not_a_person");
  if (!msg.message) return skip(msg.messageStubType ? "stub" : "empty");
  const content = contentOf(msg.message);
  if (content === "silent") return skip("protocol");
  const ts = number(msg.messageTimestamp);
  return {
    kind: group ? "staff" : "user",
    id,
    chat,
    sender,
    content,
    quotedId: quotedIdOf(msg.message),
    sentAt: ts === undefined ? undefined : ts * 1000,
  };
}
