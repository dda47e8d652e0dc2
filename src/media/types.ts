/**
 * Which files the bot accepts, and a check that a file's first bytes match the type it claims
 * (a phone says `image/jpeg`; the bytes must start like a JPEG). Pure functions, shared by every
 * channel that stores files (WhatsApp downloads, web chat uploads) and by the console that
 * serves them.
 */
import type { MediaKind } from "../engine/types.ts";

/** File families recognised by their first bytes. */
export type Sniffed =
  | "jpeg"
  | "png"
  | "gif"
  | "webp"
  | "heic"
  | "ogg"
  | "mp3"
  | "aac"
  | "amr"
  | "wav"
  | "mp4"
  | "webm"
  | "pdf"
  | "zip"
  | "ole"
  | "text"
  | "unknown";

/** An accepted type: the families its bytes may be, and the extension it is stored with. */
export interface Accepted {
  /** File families the bytes may be. */
  sniff: Sniffed[];
  ext: string;
}

const IMAGES: Record<string, Accepted> = {
  "image/jpeg": { sniff: ["jpeg"], ext: ".jpg" },
  "image/png": { sniff: ["png"], ext: ".png" },
  "image/webp": { sniff: ["webp"], ext: ".webp" },
  "image/gif": { sniff: ["gif"], ext: ".gif" },
  "image/heic": { sniff: ["heic"], ext: ".heic" },
};

const AUDIO: Record<string, Accepted> = {
  "audio/ogg": { sniff: ["ogg"], ext: ".ogg" },
  "audio/opus": { sniff: ["ogg"], ext: ".ogg" },
  "audio/mpeg": { sniff: ["mp3"], ext: ".mp3" },
  "audio/mp3": { sniff: ["mp3"], ext: ".mp3" },
  "audio/mp4": { sniff: ["mp4", "aac"], ext: ".m4a" },
  "audio/x-m4a": { sniff: ["mp4", "aac"], ext: ".m4a" },
  "audio/aac": { sniff: ["aac", "mp4"], ext: ".aac" },
  "audio/amr": { sniff: ["amr"], ext: ".amr" },
  "audio/wav": { sniff: ["wav"], ext: ".wav" },
  "audio/x-wav": { sniff: ["wav"], ext: ".wav" },
  // What browsers record voice in (MediaRecorder).
  "audio/webm": { sniff: ["webm"], ext: ".weba" },
};

const VIDEO: Record<string, Accepted> = {
  "video/mp4": { sniff: ["mp4"], ext: ".mp4" },
  "video/3gpp": { sniff: ["mp4"], ext: ".3gp" },
  "video/quicktime": { sniff: ["mp4"], ext: ".mov" },
  "video/webm": { sniff: ["webm"], ext: ".webm" },
};

const OFFICE = "application/vnd.openxmlformats-officedocument.";
const DOCUMENTS: Record<string, Accepted> = {
  "application/pdf": { sniff: ["pdf"], ext: ".pdf" },
  "application/msword": { sniff: ["ole", "zip"], ext: ".doc" },
  "application/vnd.ms-excel": { sniff: ["ole", "zip"], ext: ".xls" },
  "application/vnd.ms-powerpoint": { sniff: ["ole", "zip"], ext: ".ppt" },
  [`${OFFICE}wordprocessingml.document`]: { sniff: ["zip"], ext: ".docx" },
  [`${OFFICE}spreadsheetml.sheet`]: { sniff: ["zip"], ext: ".xlsx" },
  [`${OFFICE}presentationml.presentation`]: { sniff: ["zip"], ext: ".pptx" },
  "application/vnd.oasis.opendocument.text": { sniff: ["zip"], ext: ".odt" },
  "application/vnd.oasis.opendocument.spreadsheet": { sniff: ["zip"], ext: ".ods" },
  "text/plain": { sniff: ["text"], ext: ".txt" },
  "text/csv": { sniff: ["text"], ext: ".csv" },
  "application/rtf": { sniff: ["text"], ext: ".rtf" },
  ...IMAGES,
  ...AUDIO,
  ...VIDEO,
};

const ACCEPTED: Record<MediaKind, Record<string, Accepted>> = {
  photo: IMAGES,
  voice: AUDIO,
  audio: AUDIO,
  video: VIDEO,
  document: DOCUMENTS,
};

/** A MIME type without parameters, lower case (`audio/ogg; codecs=opus` → `audio/ogg`). */
export function baseMime(mime: string | undefined): string | undefined {
  const base = mime?.split(";")[0]?.trim().toLowerCase();
  return base || undefined;
}

/** The accepted type for a kind and declared MIME type, or undefined when refused. */
export function acceptedType(kind: MediaKind, mime: string | undefined): Accepted | undefined {
  const base = baseMime(mime);
  return base ? ACCEPTED[kind][base] : undefined;
}

const startsWith = (b: Uint8Array, bytes: number[], at = 0) =>
  b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, text: string, at = 0) =>
  startsWith(
    b,
    [...text].map((c) => c.charCodeAt(0)),
    at,
  );

/** The file family of some leading bytes. */
export function sniff(head: Uint8Array): Sniffed {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return "png";
  if (ascii(head, "GIF8")) return "gif";
  if (ascii(head, "RIFF") && ascii(head, "WEBP", 8)) return "webp";
  if (ascii(head, "RIFF") && ascii(head, "WAVE", 8)) return "wav";
  if (ascii(head, "ftyp", 4)) {
    const brand = String.fromCharCode(...head.slice(8, 12));
    return /^(heic|heix|mif1|msf1)$/.test(brand) ? "heic" : "mp4";
  }
  if (ascii(head, "OggS")) return "ogg";
  if (
    ascii(head, "ID3") ||
    (head.length > 1 && head[0] === 0xff && ((head[1] ?? 0) & 0xe6) === 0xe2)
  )
    return "mp3";
  if (head.length > 1 && head[0] === 0xff && ((head[1] ?? 0) & 0xf6) === 0xf0) return "aac";
  if (ascii(head, "#!AMR")) return "amr";
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return "webm";
  if (ascii(head, "%PDF")) return "pdf";
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return "zip";
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return "ole";
  if (head.length > 0 && !head.includes(0)) return "text";
  return "unknown";
}

/** True when the bytes fit the declared type. */
export function bytesMatch(accepted: Accepted, head: Uint8Array): boolean {
  return accepted.sniff.includes(sniff(head));
}

/**
 * Types a visitor may upload from the web chat, with the kind of media each is: pictures,
 * sound, video and PDF only. No text, markup (HTML, SVG) or office files: a browser decides the
 * declared type from the file name, and these are the ones staff can open safely.
 */
const WEB_UPLOADS: Record<string, MediaKind> = {
  "image/jpeg": "photo",
  "image/png": "photo",
  "image/webp": "photo",
  "image/gif": "photo",
  "image/heic": "photo",
  "audio/ogg": "voice",
  "audio/webm": "voice",
  "audio/mpeg": "audio",
  "audio/mp4": "audio",
  "audio/x-m4a": "audio",
  "audio/aac": "audio",
  "audio/amr": "audio",
  "audio/wav": "audio",
  "audio/x-wav": "audio",
  "video/mp4": "video",
  "video/webm": "video",
  "video/3gpp": "video",
  "video/quicktime": "video",
  "application/pdf": "document",
};

/** The kind of media a web upload of this declared type is, or undefined when refused. */
export function webUploadKind(mime: string | undefined): MediaKind | undefined {
  const base = baseMime(mime);
  return base ? WEB_UPLOADS[base] : undefined;
}

/** The `accept` attribute for the web chat's file field. */
export const WEB_ACCEPT = Object.keys(WEB_UPLOADS).join(",");

/** True when stored bytes still fit the type recorded for them (checked again when served). */
export function headMatches(mime: string, head: Uint8Array): boolean {
  const base = baseMime(mime);
  // Every accepted type is also accepted as a document.
  const accepted = base ? ACCEPTED.document[base] : undefined;
  return accepted !== undefined && bytesMatch(accepted, head);
}
