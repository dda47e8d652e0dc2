/**
 * What the WhatsApp channel needs from the database, as interfaces. `src/store/whatsapp*.ts`
 * implements them (the channel itself never writes SQL); tests may pass the same store.
 */
import type { MediaRef } from "../../engine/types.ts";

/** The device's auth state as serialised text. */
export interface AuthRepository {
  readCreds(): string | undefined;
  writeCreds(creds: string): void;
  readKeys(type: string, ids: readonly string[]): Map<string, string>;
  /** All changes in one transaction; a null value deletes the key. */
  writeKeys(changes: readonly { type: string; id: string; value: string | null }[]): void;
  /** Forgets credentials and keys (after a logout). */
  clear(): void;
}

/** A person as the identity table knows them. */
export interface IdentityRecord {
  address: string;
  lid: string | null;
  pn: string | null;
  replyJid: string;
}

/** Who is who: one stable address per person, whether they write by phone number or LID. */
export interface IdentityRepository {
  resolve(
    seen: { lid?: string; pn?: string; replyJid: string; pushName?: string },
    now: number,
  ): IdentityRecord;
  learn(pairs: readonly { lid: string; pn: string }[]): number;
  find(address: string): IdentityRecord | undefined;
  findByJid(jid: string): IdentityRecord | undefined;
}

/** Messages the bot sent, for WhatsApp's retry requests and for tracing staff quotes. */
export interface SentRepository {
  add(
    sent: { messageId: string; address: string; jid: string; ref: number | null; message: string },
    now: number,
  ): void;
  get(messageId: string): { message: string; ref: number | null; address: string } | undefined;
  prune(before: number): number;
}

/** Everything the channel keeps in the database. */
export interface WhatsAppStore {
  readonly auth: AuthRepository;
  readonly identities: IdentityRepository;
  readonly sent: SentRepository;
  /** True when the runtime already handled this message id (no need to download it again). */
  handled(messageId: string): boolean;
}

/** A message in the staff group, normalised for the staff desk. */
export interface StaffGroupMessage {
  /** The group's JID (also the address to deliver to). */
  group: string;
  messageId: string;
  sender: {
    /** The JID the sender wrote from (usually a LID in groups). */
    jid: string;
    lid: string | undefined;
    /** Phone-number JID, when WhatsApp told us. */
    pn: string | undefined;
    /** Phone number as international digits (for `STAFF_WHATSAPP_NUMBERS`), when known. */
    number: string | undefined;
    pushName: string | undefined;
  };
  /** Text, or the caption of media. */
  text: string | undefined;
  /** The message this one replies to, and the outbox ref if it was one of the bot's. */
  quoted: { messageId: string; ref: number | undefined } | undefined;
  /** Downloaded media (a local `path`), when the message carried some. */
  media: MediaRef | undefined;
  /** Set when the message was something the bot cannot pass on (sticker, location …). */
  unsupported: string | undefined;
  /** ms since the epoch, as WhatsApp stamped it. */
  sentAt: number | undefined;
}

/** Receives staff-group messages. Called at least once per message id: deduplicate by id. */
export type StaffHook = (message: StaffGroupMessage) => Promise<void>;
