/**
 * What the WhatsApp channel needs from the database, as interfaces. `src/store/whatsapp*.ts`
 * implements them (the channel itself never writes SQL); tests may pass the same store.
 */

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
