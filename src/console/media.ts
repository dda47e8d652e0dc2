/**
 * Serves a case's stored media file to signed-in staff: only files recorded as attachments of a
 * case, only from the media directory, never as active content. Shown inline only when it is a
 * picture, sound or video whose bytes still match its recorded type (files stored before types
 * were checked by content are downloaded instead); always sandboxed and never sniffed.
 */
import { readFile } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { headMatches } from "../media/types.ts";
import type { Attachment } from "../store/cases.ts";

/** Types a browser may show inline; anything else is downloaded as bytes. */
const INLINE = /^(image\/(jpeg|png|gif|webp)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

/** The file of an attachment, with the headers to send it with; undefined when not servable. */
export async function mediaResponse(
  attachment: Attachment,
  mediaDir: string,
): Promise<{ body: Buffer; headers: Record<string, string> } | undefined> {
  if (!attachment.path) return undefined;
  const root = resolve(mediaDir) + sep;
  const path = resolve(attachment.path);
  if (!path.startsWith(root)) return undefined;
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return undefined;
  }
  // Channels that record no type store photos as JPEG (WhatsApp, Telegram).
  const mime =
    attachment.mime?.toLowerCase().split(";")[0]?.trim() ||
    (attachment.kind === "photo" ? "image/jpeg" : "");
  const inline = INLINE.test(mime) && headMatches(mime, body.subarray(0, 64));
  return {
    body,
    headers: {
      "Content-Type": inline ? mime : "application/octet-stream",
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="lampiran-${attachment.id}"`,
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "X-Content-Type-Options": "nosniff",
    },
  };
}
