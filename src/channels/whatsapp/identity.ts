import {
  type Contact,
  isHostedLidUser,
  isHostedPnUser,
  isLidUser,
  isPnUser,
  jidNormalizedUser,
  type LIDMapping,
} from "@whiskeysockets/baileys";
import type { Logger } from "../../log.ts";
import type { WaSender } from "./inbound.ts";
import type { IdentityRecord, IdentityRepository } from "./ports.ts";
import type { WaSocket } from "./socket.ts";

const LOOKUP_TIMEOUT_MS = 5_000;
const MISS_TTL_MS = 60 * 60_000;

function normal(jid: string | null | undefined): string | undefined {
  if (!jid) return undefined;
  try {
    return jidNormalizedUser(jid) || undefined;
  } catch {
    return undefined;
  }
}

/** A pair in canonical form, or undefined when it is not one LID and one phone-number JID. */
export function toPair(lid: string | null | undefined, pn: string | null | undefined) {
  const l = normal(lid);
  const p = normal(pn);
  if (!l || !p) return undefined;
  if (!(isLidUser(l) || isHostedLidUser(l)) || !(isPnUser(p) || isHostedPnUser(p)))
    return undefined;
  return { lid: l, pn: p };
}

/** The pairs a contact list reveals (contacts carry `lid` and `phoneNumber` when known). */
export function pairsFromContacts(contacts: readonly Partial<Contact>[]): LIDMapping[] {
  const pairs: LIDMapping[] = [];
  for (const c of contacts) {
    const lid = c.lid ?? (c.id && isLidUser(c.id) ? c.id : undefined);
    const pn = c.phoneNumber ?? (c.id && isPnUser(c.id) ? c.id : undefined);
    const pair = toPair(lid, pn);
    if (pair) pairs.push(pair);
  }
  return pairs;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

/**
 * Turns the JIDs a message came from into the person's stable address. When a message names
 * only one form (LID or phone number), the library's own LID mapping is asked for the other,
 * so a person who first wrote by number and later by LID stays one user.
 */
export class Identities {
  /** Lookups that found nothing recently, not to repeat them on every message. */
  private readonly misses = new Map<string, number>();

  constructor(
    private readonly repo: IdentityRepository,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  /** The sender's identity, created or updated; replies will go to `replyJid`. */
  async resolve(sender: WaSender, replyJid: string, sock: WaSocket): Promise<IdentityRecord> {
    let { lid, pn } = sender;
    if (!(lid && pn)) {
      const known = this.repo.findByJid(sender.jid);
      if (!known?.lid || !known.pn) {
        if (lid && !pn) pn = await this.lookup(lid, () => sock.pnForLid(lid as string));
        else if (pn && !lid) lid = await this.lookup(pn, () => sock.lidForPn(pn as string));
      }
    }
    return this.repo.resolve(
      {
        replyJid,
        ...(lid ? { lid } : {}),
        ...(pn ? { pn } : {}),
        ...(sender.pushName ? { pushName: sender.pushName } : {}),
      },
      this.now(),
    );
  }

  /** Learns LID ⇄ phone-number pairs; merges people they prove to be one. */
  learn(pairs: readonly (LIDMapping | undefined)[], source: string): void {
    const valid = pairs
      .map((p) => (p ? toPair(p.lid, p.pn) : undefined))
      .filter((p) => p !== undefined);
    if (valid.length === 0) return;
    for (const p of valid) {
      this.misses.delete(p.lid);
      this.misses.delete(p.pn);
    }
    const merged = this.repo.learn(valid);
    if (merged > 0) this.log.info({ merged, source }, "whatsapp_identities_merged");
  }

  private async lookup(
    jid: string,
    find: () => Promise<string | undefined>,
  ): Promise<string | undefined> {
    const missed = this.misses.get(jid);
    if (missed !== undefined && this.now() - missed < MISS_TTL_MS) return undefined;
    const found = normal(await withTimeout(find(), LOOKUP_TIMEOUT_MS));
    if (!found) this.misses.set(jid, this.now());
    return found;
  }
}
