import { chmodSync, mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import QRCode from "qrcode";
import type { Logger } from "../../log.ts";
import { isConnectionClosed } from "./disconnect.ts";
import type { WaSocket } from "./socket.ts";

/** Where and how to show the operator how to link the bot's number. */
export interface PairingOptions {
  /** Where the QR code is saved as a PNG (for servers without a screen). */
  pngPath: string;
  /** Pair with a code for this number (international digits) instead of a QR code. */
  pairingNumber?: string | undefined;
  /** Tells the operator something (stderr). */
  notify: (text: string) => void;
  log: Logger;
  /** Draws the QR code in the terminal (off in tests). */
  terminal?: boolean;
}

/**
 * Shows the operator how to link the bot: a QR code in the terminal and as a PNG file, or an
 * 8-character pairing code when a number is configured. Baileys emits `qr` also in pairing-code
 * mode; the first one per socket is the moment to ask for a code.
 */
export class Pairing {
  private readonly asked = new WeakSet<WaSocket>();

  constructor(private readonly options: PairingOptions) {}

  /** Handles a `qr` update of `sock`. Never throws. */
  async onQr(qr: string, sock: WaSocket): Promise<void> {
    const { pairingNumber } = this.options;
    try {
      if (pairingNumber) await this.pairingCode(sock, pairingNumber);
      else await this.showQr(qr);
    } catch (error) {
      // A socket that closed meanwhile throws "Connection Closed"; the next socket retries.
      const level = isConnectionClosed(error) ? "warn" : "error";
      this.options.log[level]({ err: error }, "whatsapp_pairing_failed");
    }
  }

  /** The device is linked and connected: the QR code is useless now, delete it. */
  onOpen(): void {
    rmSync(this.options.pngPath, { force: true });
  }

  private async pairingCode(sock: WaSocket, number: string): Promise<void> {
    if (this.asked.has(sock)) return;
    this.asked.add(sock);
    const code = await sock.requestPairingCode(number);
    const shown = code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
    this.options.notify(
      [
        `WhatsApp pairing code: ${shown}`,
        "On the bot's phone: WhatsApp > Linked devices > Link a device >",
        "Link with phone number instead, then type this code.",
      ].join("\n"),
    );
    this.options.log.info("whatsapp_pairing_code_shown");
  }

  private async showQr(qr: string): Promise<void> {
    const { pngPath } = this.options;
    mkdirSync(dirname(pngPath), { recursive: true });
    await QRCode.toFile(pngPath, qr, { type: "png", width: 512, margin: 2 });
    chmodSync(pngPath, 0o600);
    const art =
      this.options.terminal === false
        ? ""
        : `${await QRCode.toString(qr, { type: "terminal", small: true })}\n`;
    this.options.notify(
      `${art}WhatsApp: scan this QR code with the bot's phone (WhatsApp > Linked devices > ` +
        `Link a device). Also saved as ${pngPath}. It changes every 20-60 seconds.`,
    );
    this.options.log.info("whatsapp_qr_shown");
  }
}
