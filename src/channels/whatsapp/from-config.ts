import { dirname, join } from "node:path";
import type { Config } from "../../config.ts";
import type { Logger } from "../../log.ts";
import { mediaBudget } from "../../media/budget.ts";
import { baileysSocketFactory } from "./baileys-socket.ts";
import { WhatsAppChannel } from "./channel.ts";
import type { WhatsAppStore } from "./ports.ts";

export { WhatsAppChannel } from "./channel.ts";
export type { WhatsAppStore } from "./ports.ts";

/** Where WhatsApp files live: next to the database (both hold personal data). */
export function whatsappPaths(config: Config): { qr: string; media: string } {
  const dir = dirname(config.DATABASE_PATH);
  return { qr: join(dir, "whatsapp-qr.png"), media: join(dir, "media") };
}

/**
 * The WhatsApp channel as `main.ts` runs it: real Baileys sockets, the auth state and identities
 * in the bot's database, operator notices on stderr.
 */
export function createWhatsAppChannel(
  config: Config,
  log: Logger,
  store: WhatsAppStore,
  notify: (text: string) => void = (text) => process.stderr.write(`${text}\n`),
): WhatsAppChannel {
  const paths = whatsappPaths(config);
  const channelLog = log.child({ channel: "whatsapp" });
  return new WhatsAppChannel({
    store,
    factory: baileysSocketFactory(channelLog),
    log: channelLog,
    notify,
    staffGroup: config.STAFF_WHATSAPP_GROUP,
    pairingNumber: config.WHATSAPP_PAIRING_NUMBER,
    qrPath: paths.qr,
    media: {
      dir: paths.media,
      maxBytes: config.WHATSAPP_MEDIA_MAX_MB * 1024 * 1024,
      timeoutMs: 120_000,
      budget: mediaBudget(paths.media, config.MEDIA_MAX_TOTAL_MB * 1024 * 1024),
    },
    pacing: { maxPerMinute: config.WHATSAPP_MAX_PER_MINUTE },
  });
}
