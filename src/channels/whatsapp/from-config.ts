/**
 * Builds the WhatsApp channel from the configuration: real Baileys sockets, the auth state and
 * identities in the bot's database, operator notices on stderr. Only `channels/from-config.ts`
 * loads this file, and only when WhatsApp is on: Baileys alone adds about 60 MiB to the process.
 */
import { dirname, join } from "node:path";
import type { Config } from "../../config.ts";
import type { Logger } from "../../log.ts";
import { mediaBudget } from "../../media/budget.ts";
import { mediaDir } from "../../media/dir.ts";
import { baileysSocketFactory } from "./baileys-socket.ts";
import { WhatsAppChannel } from "./channel.ts";
import type { WhatsAppStore } from "./ports.ts";

/** What the WhatsApp channel needs besides the configuration. */
export interface WhatsAppDeps {
  log: Logger;
  store: { whatsapp: WhatsAppStore };
  /** Tells the operator something that needs them (default: stderr). */
  notify?: (text: string) => void;
}

/** The WhatsApp channel for `config`, or undefined when `WHATSAPP_ENABLED` is off. */
export function whatsappFromConfig(
  config: Config,
  deps: WhatsAppDeps,
): WhatsAppChannel | undefined {
  if (!config.WHATSAPP_ENABLED) return undefined;
  const media = mediaDir(config);
  const log = deps.log.child({ channel: "whatsapp" });
  survivesBaileysRejections(deps.log);
  return new WhatsAppChannel({
    store: deps.store.whatsapp,
    factory: baileysSocketFactory(log),
    log,
    notify: deps.notify ?? ((text) => process.stderr.write(`${text}\n`)),
    staffGroup: config.STAFF_WHATSAPP_GROUP,
    pairingNumber: config.WHATSAPP_PAIRING_NUMBER,
    // The QR code goes next to the database too: it links the bot's number while pairing.
    qrPath: join(dirname(config.DATABASE_PATH), "whatsapp-qr.png"),
    media: {
      dir: media,
      maxBytes: config.WHATSAPP_MEDIA_MAX_MB * 1024 * 1024,
      timeoutMs: 120_000,
      budget: mediaBudget(media, config.MEDIA_MAX_TOTAL_MB * 1024 * 1024),
    },
    pacing: { maxPerMinute: config.WHATSAPP_MAX_PER_MINUTE },
  });
}

let surviving = false;

/**
 * Baileys rejects some of its own promises after a connection drops ("Connection Closed"),
 * with nothing of ours to catch them, and Node ends a process on an unhandled rejection; the
 * connection manager reconnects, so the bot logs them and goes on. Once per process, and only
 * when WhatsApp is on.
 */
function survivesBaileysRejections(log: Logger): void {
  if (surviving) return;
  surviving = true;
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled_rejection"));
}
