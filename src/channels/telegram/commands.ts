/**
 * The command menu Telegram shows next to the text box. Each command is also a word in
 * `data/commands.yaml`, so the engine handles "/bahasa" like "bahasa".
 */
import type { BotCommand } from "grammy/types";
import type { Translator } from "../../engine/deps.ts";
import { LANGS } from "../../engine/types.ts";

/** The commands, each with the message key of its description. */
export const TELEGRAM_COMMANDS = [
  { command: "menu", key: "telegram.cmd_menu" },
  { command: "bahasa", key: "telegram.cmd_bahasa" },
  { command: "petugas", key: "telegram.cmd_petugas" },
  { command: "hapus", key: "telegram.cmd_hapus" },
  { command: "bantuan", key: "telegram.cmd_bantuan" },
] as const;

/** Message keys this module uses (gathered in `src/code-keys.ts`). */
export const TELEGRAM_KEYS: readonly string[] = TELEGRAM_COMMANDS.map((c) => c.key);

/** Telegram's limit for a command description. */
const MAX_DESCRIPTION = 256;

/**
 * The command list, each description in both languages ("Menu utama · Menu otama").
 *
 * Why not one list per language: `setMyCommands` keys lists by a two-letter ISO 639-1
 * `language_code` taken from the user's Telegram app. Madurese has no such code (only ISO
 * 639-3 `mad`) and no Telegram app language, so Madurese speakers would never see a Madurese
 * list. Every user sees both languages instead.
 */
export function botCommands(t: Translator): BotCommand[] {
  return TELEGRAM_COMMANDS.map(({ command, key }) => {
    const texts = LANGS.map((lang) => t(lang, key)).filter((s, i, all) => all.indexOf(s) === i);
    return { command, description: texts.join(" · ").slice(0, MAX_DESCRIPTION) };
  });
}
