/**
 * `npm start`: runs the bot on every configured channel. With none configured (or with
 * `--chat`, which `npm run chat` passes) it opens the terminal chat on the embedded database
 * and exits when stdin closes.
 */
import { ContentError, createApp } from "./app.ts";
import type { Channel } from "./channels/channel.ts";
import { TerminalChannel } from "./channels/terminal/terminal.ts";
import { createWhatsAppChannel } from "./channels/whatsapp/index.ts";
import { toStaffInbound } from "./channels/whatsapp/staff.ts";
import { type Config, ConfigError, loadDotEnv, readConfig } from "./config.ts";
import { createLogger } from "./log.ts";

/** Lines telling the operator which channels are off and how to turn them on. */
export function channelStatus(config: Config): string[] {
  return [
    config.TELEGRAM_BOT_TOKEN
      ? "Telegram: on"
      : "Telegram: off (set TELEGRAM_BOT_TOKEN to turn it on)",
    config.WHATSAPP_ENABLED
      ? "WhatsApp: on"
      : "WhatsApp: off (set WHATSAPP_ENABLED=true to turn it on)",
  ];
}

async function main(): Promise<void> {
  loadDotEnv();
  const config = readConfig();
  const log = createLogger(config.LOG_LEVEL);
  const forceChat = process.argv.includes("--chat");
  const channels: Channel[] = [];
  const remote = channels.length > 0 || config.WHATSAPP_ENABLED;
  const terminal =
    forceChat || !remote
      ? new TerminalChannel({
          input: process.stdin,
          output: process.stdout,
          interactive: process.stdin.isTTY === true,
        })
      : undefined;
  if (terminal) channels.push(terminal);
  const app = createApp({ config, log, channels });
  if (config.WHATSAPP_ENABLED) {
    // The channel keeps its auth state and identities in the bot's database, so it is made
    // once the store exists and registered with the app (delivery and shutdown see it).
    const whatsapp = createWhatsAppChannel(config, log, app.store.whatsapp);
    app.channels.set(whatsapp.name, whatsapp);
    whatsapp.onStaffMessage = (message) => app.receiveStaff(toStaffInbound(message));
    channels.push(whatsapp);
    // Baileys may reject internal promises after a connection drops ("Connection Closed");
    // that must not take the whole bot down.
    process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled_rejection"));
  }

  for (const line of channelStatus(config)) process.stderr.write(`${line}\n`);
  process.stderr.write(`Database: ${config.DATABASE_PATH}\n`);

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, "stopping");
    await app.close();
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  app.start();
  for (const channel of channels) await channel.start(app.receive);
  if (terminal) {
    process.stderr.write("Terminal chat: type a message (Ctrl+D to quit).\n");
    await terminal.closed;
    await stop("stdin closed");
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else if (error instanceof ContentError)
    console.error(`The flows have errors; the bot will not start:\n${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
