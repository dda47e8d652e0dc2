/**
 * Turns a bot message into WhatsApp messages. WhatsApp no longer shows buttons or lists sent
 * by unofficial clients, so options become numbered lines the user answers by typing a number.
 */
import { basename } from "node:path";
import type { AnyMessageContent } from "@whiskeysockets/baileys";
import type { OutMessage } from "../../engine/types.ts";
import { textWithOptions } from "../numbered-options.ts";

/** Longest caption put under a photo, video or document; longer texts go in their own message. */
export const MAX_CAPTION = 1000;

/**
 * The WhatsApp messages for one bot message, in order. Media with a local file (`fileExists`
 * says whether it is still on disk) goes as the media with the text as its caption; voice and
 * audio cannot carry captions, so the text goes first.
 */
export function outgoingContents(
  message: OutMessage,
  fileExists: (path: string) => boolean,
): AnyMessageContent[] {
  const text = textWithOptions(message);
  const media = message.media;
  if (!media?.path || !fileExists(media.path)) return [{ text }];
  const url = { url: media.path };
  const long = text.length > MAX_CAPTION;
  const caption = long ? undefined : text;
  const before: AnyMessageContent[] = long ? [{ text }] : [];
  switch (media.kind) {
    case "photo":
      return [...before, { image: url, ...(caption ? { caption } : {}) }];
    case "video":
      return [...before, { video: url, ...(caption ? { caption } : {}) }];
    case "document":
      return [
        ...before,
        {
          document: url,
          mimetype: media.mime ?? "application/octet-stream",
          fileName: media.fileName ?? basename(media.path),
          ...(caption ? { caption } : {}),
        },
      ];
    case "voice":
      return [
        { text },
        { audio: url, ptt: true, mimetype: media.mime ?? "audio/ogg; codecs=opus" },
      ];
    case "audio":
      return [{ text }, { audio: url, mimetype: media.mime ?? "audio/mpeg" }];
  }
}
