import {
  Browsers,
  downloadMediaMessage,
  jidNormalizedUser,
  makeCacheableSignalKeyStore,
  makeWASocket,
} from "@whiskeysockets/baileys";
import type { Logger } from "../../log.ts";
import { baileysLogger } from "./baileys-logger.ts";
import type { SocketFactory, WaSocket } from "./socket.ts";

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
      ...(options.waWebSocketUrl ? { waWebSocketUrl: options.waWebSocketUrl } : {}),
    });
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
