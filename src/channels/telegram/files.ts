/**
 * Downloads a file a user sent, for when a copy must leave Telegram (e.g. a report's photo
 * relayed to a WhatsApp staff group). Telegram serves files up to 20 MB to bots.
 */
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { extname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Api } from "grammy";

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
 * Saves the file behind `fileId` into `dir` (created if needed, the file readable by its owner
 * only) and returns its path. Throws when the file is too large or cannot be fetched.
 */
export async function downloadFile(
  source: FileSource,
  fileId: string,
  dir: string,
): Promise<string> {
  const file = await source.api.getFile(fileId);
  if (!file.file_path) throw new Error("telegram getFile returned no file_path");
  if ((file.file_size ?? 0) > MAX_DOWNLOAD_BYTES) {
    throw new Error(`telegram file too large to download (${file.file_size} bytes)`);
  }
  const response = await fetch(`${source.apiRoot}/file/bot${source.token}/${file.file_path}`);
  if (!response.ok || !response.body) {
    throw new Error(`telegram file download failed with HTTP ${response.status}`);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${file.file_unique_id}${extname(file.file_path)}`);
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      createWriteStream(path, { mode: 0o600 }),
    );
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return path;
}
