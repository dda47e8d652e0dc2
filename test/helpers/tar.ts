/**
 * Just enough of the ustar format to unpack the small archives a browser package ships (its
 * libraries and fonts): regular files and folders. Anything else (links, devices) is refused,
 * so a changed archive fails loudly instead of unpacking half.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";

const BLOCK = 512;

/** A NUL-terminated string field of a header. */
function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

/** Unpacks an uncompressed tar archive into `into`, which is created if missing. */
export function untar(archive: Buffer, into: string): void {
  mkdirSync(into, { recursive: true });
  let at = 0;
  while (at + BLOCK <= archive.length) {
    const header = archive.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) return; // end of archive
    const name = [field(header, 345, 155), field(header, 0, 100)].filter(Boolean).join("/");
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const path = normalize(join(into, name));
    if (!path.startsWith(`${normalize(into)}${sep}`) && path !== normalize(into))
      throw new Error(`tar: entry outside the target folder: ${name}`);
    const body = archive.subarray(at + BLOCK, at + BLOCK + size);
    const mode = Number.parseInt(field(header, 100, 8).trim() || "644", 8) & 0o777;
    if (type === "5") mkdirSync(path, { recursive: true });
    else if (type === "0" || type === "\0") {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, body, { mode });
    } else if (type !== "x" && type !== "g")
      // pax headers ("x", "g") only carry metadata this unpacker does not need.
      throw new Error(`tar: unsupported entry type ${JSON.stringify(type)} for ${name}`);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
}
