/**
 * Translates what a Telegram user sent into the engine's {@link UserInput}. Pure functions:
 * no API calls, no state.
 */
import type { Message } from "grammy/types";
import type { MediaRef, UnsupportedKind, UserInput } from "../../engine/types.ts";
import { MAX_DOWNLOAD_BYTES } from "./files.ts";

/** Content the bot can neither read nor use as an answer, by the message field that holds it. */
const UNSUPPORTED: readonly [keyof Message, UnsupportedKind][] = [
  ["sticker", "sticker"],
  ["location", "location"],
  ["venue", "location"],
  ["contact", "contact"],
  ["poll", "poll"],
  ["dice", "other"],
  ["game", "other"],
  ["story", "other"],
  ["invoice", "other"],
  ["paid_media", "other"],
  ["checklist", "other"],
  ["giveaway", "other"],
];

/** The media in a message, described for the engine (the file stays on Telegram's servers). */
export function mediaOf(msg: Message): MediaRef | undefined {
  const caption = msg.caption ? { caption: msg.caption } : {};
  const base = (
    kind: MediaRef["kind"],
    file: { file_id: string; file_size?: number; mime_type?: string; file_name?: string },
    mime?: string,
  ): MediaRef => ({
    kind,
    fileId: file.file_id,
    ...((file.mime_type ?? mime) ? { mime: file.mime_type ?? mime } : {}),
    ...(file.file_size !== undefined ? { size: file.file_size } : {}),
    ...(file.file_name ? { fileName: file.file_name } : {}),
    ...caption,
  });
  // Telegram sends several sizes of a photo, smallest first: keep the largest.
  const photo = msg.photo?.at(-1);
  if (photo) return base("photo", photo, "image/jpeg");
  if (msg.voice) return base("voice", msg.voice);
  if (msg.audio) return base("audio", msg.audio);
  if (msg.video) return base("video", msg.video);
  if (msg.video_note) return base("video", msg.video_note, "video/mp4");
  // A GIF arrives as `animation` (and also as `document`): it is a short video.
  if (msg.animation) return base("video", msg.animation);
  if (msg.document) return base("document", msg.document);
  return undefined;
}

/**
 * Removes the `@botname` Telegram adds to commands picked from the menu ("/menu@jalur_bot"),
 * so the engine sees "/menu".
 */
export function stripBotMention(text: string, botUsername: string): string {
  const m = /^(\/[A-Za-z0-9_]+)@([A-Za-z0-9_]+)(.*)$/s.exec(text);
  if (!m || (m[2] as string).toLowerCase() !== botUsername.toLowerCase()) return text;
  return `${m[1]}${m[3]}`;
}

/** `/start` or `/start <payload>` (a deep link `t.me/<bot>?start=<payload>`). */
function startCommand(text: string): UserInput | undefined {
  const m = /^\/start(?:\s+(\S+))?\s*$/i.exec(text);
  if (!m) return undefined;
  return m[1] ? { type: "start", payload: m[1] } : { type: "start" };
}

/**
 * What a message means to the engine, or undefined for service messages (someone pinned a
 * message, the chat was created …), which are not something a person said.
 */
export function messageInput(msg: Message, botUsername: string): UserInput | undefined {
  if (msg.text !== undefined) {
    const text = stripBotMention(msg.text, botUsername);
    return startCommand(text) ?? { type: "text", text };
  }
  const media = mediaOf(msg);
  // Larger files cannot be fetched by bots, so staff outside Telegram would never see them.
  if (media && (media.size ?? 0) > MAX_DOWNLOAD_BYTES) {
    return {
      type: "unsupported",
      what: "file_too_large",
      ...(media.caption ? { caption: media.caption } : {}),
    };
  }
  if (media) return { type: "media", media };
  for (const [field, what] of UNSUPPORTED) {
    if (msg[field] !== undefined) return { type: "unsupported", what };
  }
  return undefined;
}
