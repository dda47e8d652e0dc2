/**
 * Sends one outbox message to Telegram: the text with its numbered options, an inline keyboard
 * on the last piece, media with the text as its caption, long texts split at paragraphs, every
 * piece paced by the {@link Throttle}.
 */
import { type Api, GrammyError, InputFile } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { MediaRef, OutMessage } from "../../engine/types.ts";
import type { Logger } from "../../log.ts";
import { DeliveryError, type Outgoing } from "../channel.ts";
import { textWithOptions } from "../numbered-options.ts";
import { type ChatAddress, isGroupChat, parseAddress } from "./address.ts";
import { isBadRequest, toDeliveryError } from "./errors.ts";
import { choicesOf, keyboardFor } from "./keyboard.ts";
import { MAX_CAPTION, MAX_TEXT, splitText } from "./split.ts";
import type { Throttle } from "./throttle.ts";

/** One Bot API message to send. */
export type Piece =
  | { type: "text"; text: string; markup?: InlineKeyboardMarkup }
  | { type: "media"; media: MediaRef; caption?: string; markup?: InlineKeyboardMarkup };

/** True when Telegram can be given this media: a file id, or a local file to upload. */
function sendable(media: MediaRef | undefined): media is MediaRef {
  return !!media && (!!media.fileId || !!media.path);
}

/**
 * The pieces a message becomes, in order. With media, the first piece is the media and carries
 * as much of the text as fits in a caption; the keyboard always goes on the last piece, so the
 * buttons sit under the question.
 */
export function planPieces(message: OutMessage): Piece[] {
  const text = textWithOptions({ text: message.text, options: choicesOf(message) });
  const markup = keyboardFor(message);
  const pieces: Piece[] = [];
  if (sendable(message.media)) {
    const [caption, ...rest] = splitText(text, MAX_TEXT, MAX_CAPTION);
    pieces.push({ type: "media", media: message.media, ...(caption ? { caption } : {}) });
    for (const t of rest) pieces.push({ type: "text", text: t });
  } else {
    for (const t of splitText(text)) pieces.push({ type: "text", text: t });
  }
  const last = pieces.at(-1);
  if (last && markup) last.markup = markup;
  return pieces;
}

/** Called after a message went out, with the Telegram message ids of its pieces. */
export type SentHook = (out: Outgoing, messageIds: number[]) => void;

/** Pieces sent of messages whose later pieces failed, so a retry does not repeat them. */
const MAX_PROGRESS = 10_000;

/** Sends outbox messages through one Bot API client. */
export class Sender {
  private readonly progress = new Map<number, number[]>();
  /** Groups that became supergroups (Telegram gives them a new id). */
  private readonly migrated = new Map<string, string>();

  constructor(
    private readonly api: Api,
    private readonly throttle: Throttle,
    private readonly log: Logger,
  ) {}

  /**
   * Sends a message; returns the Telegram message ids of its pieces. Throws a DeliveryError
   * that tells the outbox whether to retry, drop the message, or stop writing to this person.
   */
  async send(out: Outgoing): Promise<number[]> {
    const address = parseAddress(out.address);
    if (!address) throw new DeliveryError("not a Telegram chat address", "permanent");
    const group = isGroupChat(address.chatId);
    const pieces = planPieces(out.message);
    const ids = this.progress.get(out.ref) ?? [];
    try {
      for (let i = ids.length; i < pieces.length; i++) {
        const done = await this.throttle.acquire(address.chatId, group);
        try {
          ids.push(await this.sendPiece(address, pieces[i] as Piece));
        } finally {
          done();
        }
        if (i < pieces.length - 1) this.remember(out.ref, ids);
      }
    } catch (error) {
      const failure = toDeliveryError(error, group);
      if (failure.failure !== "retry") this.progress.delete(out.ref);
      throw failure;
    }
    this.progress.delete(out.ref);
    return ids;
  }

  private remember(ref: number, ids: number[]): void {
    if (this.progress.size >= MAX_PROGRESS) this.progress.clear();
    this.progress.set(ref, ids);
  }

  private async sendPiece(address: ChatAddress, piece: Piece): Promise<number> {
    const chatId = this.migrated.get(address.chatId) ?? address.chatId;
    try {
      return await this.call(chatId, address.threadId, piece);
    } catch (error) {
      const to = error instanceof GrammyError ? error.parameters?.migrate_to_chat_id : undefined;
      if (to === undefined) throw error;
      // A group turned into a supergroup: send there, and tell the operator to update the id.
      this.migrated.set(address.chatId, String(to));
      this.log.warn({ from: address.chatId, to: String(to) }, "telegram_chat_migrated");
      return await this.call(String(to), address.threadId, piece);
    }
  }

  private async call(chatId: string, threadId: number | undefined, piece: Piece): Promise<number> {
    const common = {
      ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
      ...(piece.markup ? { reply_markup: piece.markup } : {}),
    };
    if (piece.type === "text") {
      const sent = await this.api.sendMessage(chatId, piece.text, {
        ...common,
        link_preview_options: { is_disabled: true },
      });
      return sent.message_id;
    }
    const other = { ...common, ...(piece.caption ? { caption: piece.caption } : {}) };
    const { media } = piece;
    try {
      return await this.sendMedia(chatId, media, media.fileId ?? fileOf(media), other);
    } catch (error) {
      if (!isBadRequest(error)) throw error;
      // A file id Telegram does not know (say, from another channel): upload our copy if we
      // keep one, else send the text alone rather than lose it.
      if (media.fileId && media.path) {
        this.log.warn({ kind: media.kind, code: error.error_code }, "telegram_media_reupload");
        return await this.sendMedia(chatId, media, fileOf(media), other);
      }
      this.log.warn({ kind: media.kind, code: error.error_code }, "telegram_media_fallback");
      const text = piece.caption ?? "";
      if (!text && !piece.markup) throw error;
      const sent = await this.api.sendMessage(chatId, text || "📎", {
        ...common,
        link_preview_options: { is_disabled: true },
      });
      return sent.message_id;
    }
  }

  private async sendMedia(
    chatId: string,
    media: MediaRef,
    file: string | InputFile,
    other: { caption?: string; message_thread_id?: number; reply_markup?: InlineKeyboardMarkup },
  ): Promise<number> {
    switch (media.kind) {
      case "photo":
        return (await this.api.sendPhoto(chatId, file, other)).message_id;
      case "voice":
        return (await this.api.sendVoice(chatId, file, other)).message_id;
      case "audio":
        return (await this.api.sendAudio(chatId, file, other)).message_id;
      case "video":
        return (await this.api.sendVideo(chatId, file, other)).message_id;
      case "document":
        return (await this.api.sendDocument(chatId, file, other)).message_id;
    }
  }
}

/** The local copy of a media file, as an upload. */
function fileOf(media: MediaRef): InputFile {
  return new InputFile(media.path as string, media.fileName);
}
