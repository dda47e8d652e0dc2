/**
 * Files sent from the web chat (a photo of a contract, a voice recording): checked for type and
 * size, stored in the media directory readable by the owner only, and handed to the bot as
 * media, like a downloaded WhatsApp file (erased with the user's data).
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { MediaKind, MediaRef } from "../../engine/types.ts";

/** The types accepted, with the kind of media each is and the file extension it is saved with. */
const TYPES: Record<string, { kind: MediaKind; ext: string }> = {
  "image/jpeg": { kind: "photo", ext: "jpg" },
  "image/png": { kind: "photo", ext: "png" },
  "image/webp": { kind: "photo", ext: "webp" },
  "image/gif": { kind: "photo", ext: "gif" },
  "audio/ogg": { kind: "voice", ext: "ogg" },
  "audio/webm": { kind: "voice", ext: "weba" },
  "audio/mpeg": { kind: "audio", ext: "mp3" },
  "audio/mp4": { kind: "audio", ext: "m4a" },
  "audio/aac": { kind: "audio", ext: "aac" },
  "audio/wav": { kind: "audio", ext: "wav" },
  "video/mp4": { kind: "video", ext: "mp4" },
  "video/webm": { kind: "video", ext: "webm" },
  "video/3gpp": { kind: "video", ext: "3gp" },
  "application/pdf": { kind: "document", ext: "pdf" },
};

/** The `accept` attribute for the file field. */
export const ACCEPT = Object.keys(TYPES).join(",");

/** What became of an upload. */
export type Upload = { media: MediaRef } | { refused: "too_large" | "unsupported" };

/** Checks and stores an uploaded file; `caption` is the text sent with it. */
export async function saveUpload(
  file: File,
  caption: string,
  dir: string,
  maxBytes: number,
): Promise<Upload> {
  const mime = file.type.toLowerCase().split(";")[0]?.trim() ?? "";
  const type = TYPES[mime];
  if (!type) return { refused: "unsupported" };
  if (file.size > maxBytes) return { refused: "too_large" };
  const bytes = Buffer.from(await file.arrayBuffer());
  if (bytes.length > maxBytes) return { refused: "too_large" };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `web-${randomBytes(12).toString("hex")}.${type.ext}`);
  try {
    await writeFile(path, bytes, { mode: 0o600 });
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return {
    media: {
      kind: type.kind,
      mime,
      size: bytes.length,
      path,
      ...(caption ? { caption } : {}),
    },
  };
}
