/**
 * A streaming `multipart/form-data` reader for uploads: small text fields are collected, the
 * one file part is handed over as a stream while it arrives, so a file never has to sit in
 * memory. Anything malformed is a {@link MultipartError} (the caller answers 400).
 */
import { PassThrough, type Readable } from "node:stream";

/** The body is not well-formed multipart, or breaks one of the limits. */
export class MultipartError extends Error {}

/** Limits on what a form may hold besides its file. */
export interface MultipartLimits {
  /** Longest text field, in bytes. */
  fieldBytes: number;
  /** Most parts (fields and files) in one form. */
  parts: number;
}

/** A file part as it arrives. */
export interface FilePart {
  field: string;
  /** The name the browser gave (empty when no file was chosen); never trusted or stored. */
  filename: string;
  /** The type the browser declared (from the file name, not the content). */
  mime: string | undefined;
  /** The file's bytes; end or error when the part ends. */
  stream: Readable;
}

/** The boundary of a `multipart/form-data` content type, or undefined when there is none. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
const MAX_HEADER_BYTES = 4096;

/**
 * Reads a multipart body from `body`. Text fields are returned; each file part is passed to
 * `onFile` as soon as its headers are read, and the reader waits for the consumer (back
 * pressure) while the file streams. Only the first file is offered; later ones are refused.
 */
export async function readMultipart(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  limits: MultipartLimits,
  onFile: (file: FilePart) => void,
): Promise<Record<string, string>> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  // The body starts with the delimiter without its CRLF; pretend one came before it.
  let buffer: Buffer = Buffer.from("\r\n");
  let state: "preamble" | "after-delimiter" | "headers" | "field" | "file" | "done" = "preamble";
  let parts = 0;
  let field: { name: string; chunks: Buffer[]; bytes: number } | undefined;
  let file: PassThrough | undefined;
  let offered = false;

  const write = async (chunk: Buffer) => {
    if (chunk.length === 0) return;
    if (field) {
      field.bytes += chunk.length;
      if (field.bytes > limits.fieldBytes) throw new MultipartError("field too long");
      field.chunks.push(chunk);
    } else if (file && !file.destroyed && !file.write(chunk)) {
      const waiting = file;
      // Wait for the consumer; if it stops reading (e.g. at the size limit), the rest is skipped.
      await new Promise<void>((resolve) => {
        const done = () => {
          waiting.off("drain", done);
          waiting.off("close", done);
          resolve();
        };
        waiting.once("drain", done);
        waiting.once("close", done);
      });
    }
  };
  const endPart = () => {
    if (field) {
      fields[field.name] = Buffer.concat(field.chunks).toString("utf8");
      field = undefined;
    }
    if (file) {
      file.end();
      file = undefined;
    }
  };

  try {
    for await (const chunk of body) {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : Buffer.from(chunk);
      let progress = true;
      while (progress) {
        progress = false;
        if (state === "preamble" || state === "field" || state === "file") {
          const at = buffer.indexOf(delimiter);
          if (at === -1) {
            // Keep what could be the start of a delimiter; the rest belongs to the part.
            const keep = Math.min(buffer.length, delimiter.length - 1);
            if (state !== "preamble") await write(buffer.subarray(0, buffer.length - keep));
            else if (buffer.length > MAX_HEADER_BYTES) throw new MultipartError("no boundary");
            buffer = buffer.subarray(buffer.length - keep);
            break;
          }
          if (state !== "preamble") await write(buffer.subarray(0, at));
          endPart();
          buffer = buffer.subarray(at + delimiter.length);
          state = "after-delimiter";
          progress = true;
        } else if (state === "after-delimiter") {
          if (buffer.length < 2) break;
          if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
            state = "done";
            break;
          }
          const eol = buffer.indexOf(CRLF);
          if (eol === -1) {
            if (buffer.length > 64) throw new MultipartError("bad delimiter line");
            break;
          }
          // Transport padding (spaces or tabs) may follow a delimiter.
          if (!/^[ \t]*$/.test(buffer.subarray(0, eol).toString("latin1"))) {
            throw new MultipartError("bad delimiter line");
          }
          buffer = buffer.subarray(eol + 2);
          state = "headers";
          progress = true;
        } else if (state === "headers") {
          const end = buffer.indexOf(HEADER_END);
          // A part without headers starts with the blank line at once.
          const empty = buffer.subarray(0, 2).equals(CRLF);
          if (end === -1 && !empty) {
            if (buffer.length > MAX_HEADER_BYTES) throw new MultipartError("headers too long");
            break;
          }
          const head = empty ? "" : buffer.subarray(0, end).toString("utf8");
          buffer = buffer.subarray(empty ? 2 : end + 4);
          if (++parts > limits.parts) throw new MultipartError("too many parts");
          const part = partHeaders(head);
          if (part.filename !== undefined) {
            if (offered) throw new MultipartError("more than one file");
            offered = true;
            file = new PassThrough({ highWaterMark: 64 * 1024 });
            state = "file";
            onFile({ field: part.name, filename: part.filename, mime: part.type, stream: file });
          } else {
            field = { name: part.name, chunks: [], bytes: 0 };
            state = "field";
          }
          progress = true;
        }
      }
      if (state === "done") break;
    }
  } catch (error) {
    // Destroyed without an error: the consumer sees the file end early.
    file?.destroy();
    throw error;
  }
  if (state !== "done") {
    file?.destroy();
    throw new MultipartError("the body ended before the closing boundary");
  }
  return fields;
}

/** The name, file name and type a part's headers give. */
function partHeaders(head: string): { name: string; filename?: string; type?: string } {
  let disposition: string | undefined;
  let type: string | undefined;
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 1) throw new MultipartError("bad part header");
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "content-disposition") disposition = value;
    else if (key === "content-type") type = value;
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) {
    throw new MultipartError("part without form-data disposition");
  }
  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) throw new MultipartError("part without a name");
  const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
  return {
    name,
    ...(filename !== undefined ? { filename } : {}),
    ...(type ? { type } : {}),
  };
}
