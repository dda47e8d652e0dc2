import type { MediaRef } from "../../engine/types.ts";
import { normalizeCaseRef } from "../../runtime/case-ref.ts";
import { bantuan } from "./bantuan.ts";
import type { StaffCommand } from "./command.ts";
import { handlerOf } from "./registry.ts";

/**
 * Reads a typed staff command: `/kasus`, `/kasus JR-7Q3K`, `/balas JR-7Q3K teks`, `/status
 * JR-7Q3K dirujuk P4MI` … (with or without the `@botname` suffix Telegram adds); `media` is a
 * file the command came with as its caption. Only messages that start with `/` are commands, so
 * staff can talk among themselves; an unknown `/word` is `bantuan`.
 */
export function parseStaffText(
  text: string | undefined,
  media?: MediaRef,
): StaffCommand | undefined {
  if (!text) return undefined;
  const m = /^\s*\/?([a-z]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(text);
  if (!m) return undefined;
  if (!text.trimStart().startsWith("/")) return undefined;
  const handler = handlerOf((m[1] as string).toLowerCase()) ?? bantuan;
  const args = (m[2] ?? "").trim();
  const [first = "", ...others] = args.split(/\s+/);
  const ref = normalizeCaseRef(first);
  return handler.fromText({ ref, rest: ref ? others.join(" ").trim() : args, media });
}
