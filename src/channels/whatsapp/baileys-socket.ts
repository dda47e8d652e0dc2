import {
  Browsers,
  downloadMediaMessage,
  type GroupMetadata,
  jidNormalizedUser,
  makeCacheableSignalKeyStore,
  makeWASocket,
} from "@whiskeysockets/baileys";
import type { Logger } from "../../log.ts";
import { baileysLogger } from "./baileys-logger.ts";
import type { SocketFactory, WaSocket } from "./socket.ts";

const GROUP_TTL_MS = 5 * 60_000;

/**
 * Makes real Baileys sockets. Settings chosen for a helpline on a personal number: the phone
 * keeps its notifications (not marked online), no full history download, the library's bundled
 * WhatsApp Web version (fetching the newest on each connect is discouraged).
 */
export function baileysSocketFactory(
  log: Logger,
  /** Another WhatsApp Web endpoint (tests point it at a local server). */
  options: { waWebSocketUrl?: string } = {},
): SocketFactory {
  const logger = baileysLogger(log);
  // Group metadata for sends to the staff group: fetching it for every message is what gets
  // group senders rate-limited. Shared by all sockets; dropped when the group changes.
  const groups = new Map<string, { meta: GroupMetadata; at: number }>();
  return (params): WaSocket => {
    const sock = makeWASocket({
      auth: {
        creds: params.auth.creds,
        // An in-memory cache in front of SQLite: Baileys reads keys many times per message.
        keys: makeCacheableSignalKeyStore(params.auth.keys, logger),
      },
      logger,
      browser: Browsers.ubuntu("Jalur Resmi"),
      markOnlineOnConnect: false,
      syncFullHistory: false,
      getMessage: params.getMessage,
      msgRetryCounterCache: params.msgRetryCounterCache,
      cachedGroupMetadata: async (jid) => {
        const hit = groups.get(jid);
        if (hit && Date.now() - hit.at < GROUP_TTL_MS) return hit.meta;
        try {
          const meta = await sock.groupMetadata(jid);
          groups.set(jid, { meta, at: Date.now() });
          return meta;
        } catch {
          return undefined;
        }
      },
      ...(options.waWebSocketUrl ? { waWebSocketUrl: options.waWebSocketUrl } : {}),
    });
    sock.ev.on("groups.update", (updates) => {
      for (const u of updates) if (u.id) groups.delete(u.id);
    });
    sock.ev.on("group-participants.update", ({ id }) => groups.delete(id));
    const lidMapping = () => sock.signalRepository.lidMapping;
    return {
      ev: sock.ev,
      get user() {
        return sock.user;
      },
      sendMessage: (jid, content, options) => sock.sendMessage(jid, content, options),
      readMessages: (keys) => sock.readMessages(keys),
      sendPresenceUpdate: (type, jid) => sock.sendPresenceUpdate(type, jid),
      requestPairingCode: (phone) => sock.requestPairingCode(phone),
      downloadMedia: (message) =>
        downloadMediaMessage(
          message,
          "stream",
          {},
          { logger, reuploadRequest: (m) => sock.updateMediaMessage(m) },
        ),
      async pnForLid(lid) {
        const pn = await lidMapping().getPNForLID(lid);
        // The library answers with a device part (`…:0@s.whatsapp.net`).
        return pn ? jidNormalizedUser(pn) : undefined;
      },
      async lidForPn(pn) {
        const lid = await lidMapping().getLIDForPN(pn);
        return lid ? jidNormalizedUser(lid) : undefined;
      },
      end(error) {
        void sock.end(error).catch(() => undefined);
      },
    };
  };
}
