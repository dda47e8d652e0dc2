import { normalizeCaseRef } from "../runtime/case-ref.ts";

/** The staff commands, by the word staff type after `/`. */
export const STAFF_COMMANDS = [
  "kasus",
  "ambil",
  "balas",
  "catatan",
  "status",
  "tutup",
  "buka",
  "bantuan",
  "masuk",
  "sumber",
] as const;
export type StaffCommandName = (typeof STAFF_COMMANDS)[number];

/** A parsed staff command. */
export interface StaffCommand {
  name: StaffCommandName;
  /** The case reference, when the command names one. */
  ref: string | undefined;
  /** The rest of the text after the reference. */
  rest: string;
}

/**
 * Reads a staff command: `/kasus`, `/kasus JR-7Q3K`, `/balas JR-7Q3K teks`, `/status JR-7Q3K
 * dirujuk P4MI` … (with or without the `@botname` suffix Telegram adds). Only messages that start
 * with `/` are commands, so staff can talk among themselves; an unknown `/word` gives `bantuan`.
 */
export function parseStaffCommand(text: string | undefined): StaffCommand | undefined {
  if (!text) return undefined;
  const m = /^\s*\/?([a-z]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(text);
  if (!m) return undefined;
  if (!text.trimStart().startsWith("/")) return undefined;
  const word = (m[1] as string).toLowerCase();
  const name = STAFF_COMMANDS.find((c) => c === word) ?? "bantuan";
  const args = (m[2] ?? "").trim();
  const [first = "", ...others] = args.split(/\s+/);
  const ref = normalizeCaseRef(first);
  return { name, ref, rest: ref ? others.join(" ").trim() : args };
}

/** Status words staff may type, in Indonesian or as the internal name. */
export const STATUS_WORDS: Record<
  string,
  "new" | "claimed" | "waiting" | "referred" | "resolved" | "closed"
> = {
  new: "new",
  baru: "new",
  claimed: "claimed",
  diambil: "claimed",
  ditangani: "claimed",
  waiting: "waiting",
  menunggu: "waiting",
  referred: "referred",
  dirujuk: "referred",
  diteruskan: "referred",
  resolved: "resolved",
  selesai: "resolved",
  closed: "closed",
  tutup: "closed",
  ditutup: "closed",
};
