/**
 * Reads the page's form (the no-JavaScript path): URL-encoded fields, or a multipart form with a
 * file, streamed to disk as it arrives. Limits are checked before the body is read where the
 * request announces its length, and while it arrives where it does not.
 */
import type { Context } from "hono";
import { boundaryOf, MultipartError, readMultipart } from "../../http/multipart.ts";
import type { WebChatRouteOptions } from "./options.ts";
import { declaredLength, type Visitor } from "./request.ts";
import type { Upload } from "./upload.ts";

/** A form without a file, or the fields around one. */
const FORM_BYTES = 64 * 1024;
/** An upload taking longer is cut off (a sender that stalls keeps a slot no longer). */
const UPLOAD_TIMEOUT_MS = 120_000;

/**
 * The form's fields and file, or why it was not read: the notice shown (a web chat text key)
 * and the status. A refused form has not been read to its end.
 */
export type FormBody =
  | { fields: Record<string, unknown>; upload: Upload | undefined }
  | { refused: "file_too_large" | "file_busy" | "bad_form" | "too_long"; status: 400 | 413 | 429 };

/** Reads the form a visitor posted to `/chat`. */
export async function readForm(
  c: Context,
  who: Visitor,
  options: WebChatRouteOptions,
): Promise<FormBody> {
  const length = declaredLength(c);
  const boundary = boundaryOf(c.req.header("content-type"));
  if (boundary) {
    if (length !== undefined && length > options.maxFileBytes + FORM_BYTES) {
      return { refused: "file_too_large", status: 413 };
    }
    const done = options.uploads.begin(who.ip);
    if (!done) return { refused: "file_busy", status: 429 };
    try {
      return await readUpload(c, who, boundary, options);
    } catch (error) {
      if (error instanceof BodyTooLarge) return { refused: "file_too_large", status: 413 };
      if (error instanceof MultipartError) return { refused: "bad_form", status: 400 };
      throw error;
    } finally {
      done();
    }
  }
  if (/^multipart\//i.test(c.req.header("content-type") ?? "")) {
    return { refused: "bad_form", status: 400 };
  }
  if (length !== undefined && length > FORM_BYTES) return { refused: "too_long", status: 413 };
  try {
    return { fields: await c.req.parseBody(), upload: undefined };
  } catch {
    return { refused: "bad_form", status: 400 };
  }
}

/**
 * Reads a multipart form as it arrives: the fields, and the file (streamed to disk, or read
 * and dropped when refused). Throws {@link MultipartError} for a malformed body.
 */
async function readUpload(
  c: Context,
  who: Visitor,
  boundary: string,
  { channel, uploads, maxFileBytes }: WebChatRouteOptions,
): Promise<{ fields: Record<string, string>; upload: Upload | undefined }> {
  const body = c.req.raw.body;
  if (!body) return { fields: {}, upload: undefined };
  let saving: Promise<Upload> | undefined;
  const fields = await readMultipart(
    limited(body, maxFileBytes + FORM_BYTES, UPLOAD_TIMEOUT_MS),
    boundary,
    { fieldBytes: 16 * 1024, parts: 8 },
    (file) => {
      if (file.field !== "file" || file.filename === "") {
        // An empty file field (the form sends one with every message) or an unknown one.
        file.stream.resume();
        return;
      }
      saving = uploads.receive(
        who.address,
        channel.acceptsMedia(who.address),
        file.mime,
        file.stream,
        declaredLength(c),
      );
    },
  ).catch(async (error: unknown) => {
    await saving;
    throw error;
  });
  return { fields, upload: await saving };
}

/** The body was longer than any form may be. */
class BodyTooLarge extends Error {}

/**
 * A body's chunks, cut off past `maxBytes` ({@link BodyTooLarge}) and ended after `timeoutMs`
 * (a sender that stalls keeps an upload slot no longer).
 */
async function* limited(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  timeoutMs: number,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), timeoutMs);
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.length;
      if (total > maxBytes) throw new BodyTooLarge();
      yield value;
    }
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
}
