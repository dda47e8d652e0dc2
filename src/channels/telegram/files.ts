/**
 * Keeps a copy of a file sent on Telegram, for when it must leave Telegram: a staff member's
 * photo relayed to a reporter on WhatsApp, which cannot send a Telegram file id. Telegram
 * serves files up to 20 MB to bots; the copy is stored like every channel's files (type checked
 * by its bytes, within the media folder's budget).
 */
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Api } from "grammy";
import type { MediaRef } from "../../engine/types.ts";
import { type MediaLimits, precheck, type Saved, saveMedia } from "../../media/save.ts";

/** The Bot API's download limit. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** Where to fetch files from. */
export interface FileSource {
  api: Api;
  token: string;
  /** The configured Bot API root (never hard-code api.telegram.org: tests use a fake). */
  apiRoot: string;
}

/**
 * Saves the file behind `media.fileId` into `limits.dir`. A file refused by type, size or the
 * folder's budget is `{ ok: false }`; throws when Telegram cannot give the file.
 */
export async function keepFile(
  source: FileSource,
  media: MediaRef & { fileId: string },
  limits: MediaLimits,
): Promise<Saved> {
  const info = { kind: media.kind, mime: media.mime, size: media.size };
  // Refused before anything is fetched: the declared type and size decide.
  const refused = precheck(info, limits);
  if (refused) return { ok: false, reason: refused };
  const file = await source.api.getFile(media.fileId);
  if (!file.file_path) throw new Error("telegram getFile returned no file_path");
  const response = await fetch(`${source.apiRoot}/file/bot${source.token}/${file.file_path}`, {
    signal: AbortSignal.timeout(limits.timeoutMs),
  });
  if (!response.ok || !response.body) {
    throw new Error(`telegram file download failed with HTTP ${response.status}`);
  }
  return saveMedia(
    Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
    { ...info, size: info.size ?? file.file_size },
    limits,
  );
}
