import type { Config } from "../../config.ts";
import { TerminalChannel, type TerminalOptions } from "./channel.ts";

/** What the terminal chat needs: the streams `npm run chat` talks on, when it runs. */
export interface TerminalDeps {
  terminal?: TerminalOptions | undefined;
}

/**
 * The terminal chat when `npm run chat` asked for one (`deps.terminal`), or undefined. No
 * setting turns it on: it is how the bot runs, not where it listens.
 */
export function terminalFromConfig(
  _config: Config,
  deps: TerminalDeps,
): TerminalChannel | undefined {
  return deps.terminal ? new TerminalChannel(deps.terminal) : undefined;
}
