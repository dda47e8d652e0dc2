/**
 * Builds every channel the configuration turns on, in one place. Adding a channel means one
 * folder (`channel.ts`, the channel; `from-config.ts`, configuration → channel or undefined)
 * and one line in {@link channelsFromConfig}.
 */
import type { Config } from "../config.ts";
import type { Translator } from "../engine/deps.ts";
import type { HttpServer } from "../http/server.ts";
import type { Logger } from "../log.ts";
import type { Channel } from "./channel.ts";
import { telegramFromConfig } from "./telegram/from-config.ts";
import type { TerminalOptions } from "./terminal/channel.ts";
import { terminalFromConfig } from "./terminal/from-config.ts";
import { webChatFromConfig } from "./web/from-config.ts";
import type { SettingsStore, TranscriptStore } from "./web/ports.ts";
import type { WhatsAppStore } from "./whatsapp/ports.ts";

/** What channels keep in the bot's database (the store implements it; channels write no SQL). */
export interface ChannelStore {
  whatsapp: WhatsAppStore;
  webChat: TranscriptStore;
  settings: SettingsStore;
}

/** What channels need besides the configuration. */
export interface ChannelDeps {
  log: Logger;
  /** The bot's texts (Telegram's command menu, the web chat's pages). */
  t: Translator;
  store: ChannelStore;
  /** The HTTP server, when the process runs one: the web chat and Telegram's webhook use it. */
  http?: HttpServer | undefined;
  /** `npm run chat`: the terminal chat on these streams (and no web chat). */
  terminal?: TerminalOptions | undefined;
  clock?: () => number;
}

/** The channels `config` turns on, not started yet (the app starts them). */
export async function channelsFromConfig(config: Config, deps: ChannelDeps): Promise<Channel[]> {
  const channels = [
    telegramFromConfig(config, deps),
    await whatsappFromConfig(config, deps),
    // `npm run chat` talks in the terminal, not in a browser.
    deps.terminal ? undefined : webChatFromConfig(config, deps),
    terminalFromConfig(config, deps),
  ];
  return channels.filter((channel) => channel !== undefined);
}

/** WhatsApp, loaded only when on: Baileys alone adds about 60 MiB to the process. */
async function whatsappFromConfig(config: Config, deps: ChannelDeps): Promise<Channel | undefined> {
  if (!config.WHATSAPP_ENABLED) return undefined;
  const whatsapp = await import("./whatsapp/from-config.ts");
  return whatsapp.whatsappFromConfig(config, deps);
}
