import type { Command } from "./deps.ts";
import { clip, fold } from "./text.ts";

/** A command found in a message, with its argument for prefix commands. */
export interface CommandHit {
  command: Command;
  arg: string | undefined;
}

/**
 * Finds a global command in a text: the whole message is one of its words (`menu`, `0`,
 * `/bahasa`, `/start@bot`), or starts with one of its prefixes (`cek JR-7Q3K`).
 */
export function findCommand(commands: readonly Command[], text: string): CommandHit | undefined {
  const raw = clip(text, 200).trim();
  // "/start@jalur_bot" → "/start"; a slash command is folded like any word.
  const slashless = raw.replace(/^\/([a-z_]+)(@\w+)?/i, "$1");
  const folded = fold(slashless);
  if (!folded) return undefined;
  for (const command of commands) {
    if (command.words.includes(folded)) return { command, arg: undefined };
  }
  const [head = "", ...rest] = slashless.trim().split(/\s+/);
  const first = fold(head);
  for (const command of commands) {
    if (command.prefixes.includes(first)) {
      const arg = rest.join(" ").trim();
      if (arg && command.argPattern && !command.argPattern.test(arg)) continue;
      return { command, arg: arg || undefined };
    }
  }
  return undefined;
}
