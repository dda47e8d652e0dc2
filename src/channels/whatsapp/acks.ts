import { WAMessageStatus, type WAMessageUpdate } from "@whiskeysockets/baileys";

/** The error code WhatsApp puts on a refused message (e.g. `463`). */
export type AckError = string;

/** 463: the account may not start this chat (missing trusted-contact token / restricted). */
export const REACHOUT_RESTRICTED = "463";

/**
 * Watches for WhatsApp refusing messages we sent. A refusal arrives after `sendMessage` has
 * returned, as a `messages.update` with status ERROR; the sender waits a moment for it (the
 * pause it takes between messages anyway) to know whether the message really went out.
 */
export class AckWatch {
  private readonly pending = new Map<string, (code: AckError) => void>();

  constructor(private readonly late: (messageId: string, code: AckError) => void) {}

  /** Feeds a `messages.update` batch. */
  onUpdate(updates: readonly WAMessageUpdate[]): void {
    for (const { key, update } of updates) {
      if (!key.fromMe || !key.id || update.status !== WAMessageStatus.ERROR) continue;
      const params = update.messageStubParameters as unknown[] | null | undefined;
      const code = String(params?.[0] ?? "unknown");
      const waiter = this.pending.get(key.id);
      if (waiter) waiter(code);
      else this.late(key.id, code);
    }
  }

  /** Starts watching a message id (before sending it, so no refusal is missed). */
  watch(messageId: string): { refused: Promise<AckError>; done: () => void } {
    let resolve: (code: AckError) => void = () => undefined;
    const refused = new Promise<AckError>((r) => {
      resolve = r;
    });
    this.pending.set(messageId, resolve);
    return { refused, done: () => this.pending.delete(messageId) };
  }
}
