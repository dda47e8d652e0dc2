import { existsSync, rmSync } from "node:fs";
import {
  type AnyMessageContent,
  BufferJSON,
  generateMessageIDV2,
  jidDecode,
  proto,
  type WAMessage,
  type WAMessageKey,
} from "@whiskeysockets/baileys";
import type { MediaRef, UnsupportedKind, UserInput } from "../../engine/types.ts";
import type { Logger } from "../../log.ts";
import { type MediaLimits, precheck, type Refusal, saveMedia } from "../../media/save.ts";
import { type Channel, type ChannelHost, DeliveryError, type Outgoing } from "../channel.ts";
import { type AckError, AckWatch, REACHOUT_RESTRICTED } from "./acks.ts";
import type { BackoffPolicy } from "./backoff.ts";
import { ConnectionManager } from "./connection.ts";
import { isConnectionClosed, statusCode } from "./disconnect.ts";
import { Identities, pairsFromContacts } from "./identity.ts";
import { readMessage, type WaContent, type WaRead } from "./inbound.ts";
import { outgoingContents } from "./outbound.ts";
import { DEFAULT_PACING, Pacer, type PacingOptions, REAL_TIMING, type Timing } from "./pacer.ts";
import { Pairing } from "./pairing.ts";
import type { WhatsAppStore } from "./ports.ts";
import type { SocketFactory, WaSocket } from "./socket.ts";
import { staffInbound } from "./staff.ts";

/** What the person is told about a file that was not kept. */
const REFUSED: Record<Exclude<Refusal, "failed">, UnsupportedKind> = {
  too_large: "file_too_large",
  mismatch: "file_mismatch",
  type: "file_type",
  full: "file_full",
};

/** How long sent messages are kept for WhatsApp's retry requests. */
const SENT_RETENTION_MS = 14 * 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 6 * 60 * 60_000;
const DOWNLOAD_ATTEMPTS = 2;
const RECENT_LIMIT = 5_000;

/** What the WhatsApp channel needs. */
export interface WhatsAppOptions {
  store: WhatsAppStore;
  factory: SocketFactory;
  log: Logger;
  /** Tells the operator something that needs them (stderr). */
  notify: (text: string) => void;
  /** The staff group's JID (`…@g.us`); the only group the bot listens to and writes to. */
  staffGroup?: string | undefined;
  /** Pair with a code for this number instead of a QR code. */
  pairingNumber?: string | undefined;
  /** Where the QR code PNG is saved. */
  qrPath: string;
  /** Draw the QR code in the terminal too. */
  qrInTerminal?: boolean;
  media: MediaLimits;
  pacing?: Partial<PacingOptions>;
  timing?: Timing;
  backoff?: BackoffPolicy;
}

/** Per-key promise chains: work for one key runs in order, keys run in parallel. */
class Lanes {
  private readonly lanes = new Map<string, Promise<void>>();

  run(key: string, job: () => Promise<void>): Promise<void> {
    const next = (this.lanes.get(key) ?? Promise.resolve()).then(job, job);
    const tail = next.catch(() => undefined);
    this.lanes.set(key, tail);
    void tail.then(() => {
      if (this.lanes.get(key) === tail) this.lanes.delete(key);
    });
    return next;
  }

  async idle(): Promise<void> {
    while (this.lanes.size > 0) await Promise.allSettled([...this.lanes.values()]);
  }
}

/** A small insertion-ordered map that forgets its oldest entries. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, limit = RECENT_LIMIT): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}

/** Where a message goes. `keep`: store it for retries (not for people who erased their data). */
interface Route {
  jid: string;
  address: string;
  staff: boolean;
  keep: boolean;
}

const serialise = (value: unknown): string => JSON.stringify(value, BufferJSON.replacer);

/**
 * The WhatsApp channel (Baileys). It translates WhatsApp messages into inbound messages for the
 * bot and the bot's messages into WhatsApp messages, and nothing else: identity, auth state
 * and sent messages are kept through {@link WhatsAppStore}. It only ever answers people who
 * wrote first, paced like a person, and listens to no group but the staff group.
 */
export class WhatsAppChannel implements Channel {
  readonly name = "whatsapp";
  readonly connection: ConnectionManager;
  private host: ChannelHost | undefined;
  private readonly intake = new Lanes();
  private readonly work = new Lanes();
  private readonly inflight = new Set<string>();
  /** Staff-group message ids already passed on (they are not in the runtime's dedupe table). */
  private readonly staffSeen = new Map<string, true>();
  /** Where each address last wrote from, kept in memory too: an erasure's goodbye still goes. */
  private readonly recentJids = new Map<string, string>();
  private readonly identities: Identities;
  private readonly acks: AckWatch;
  private readonly pacer: Pacer;
  private readonly timing: Timing;
  private pruneTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: WhatsAppOptions) {
    const { store, log, notify } = options;
    this.timing = options.timing ?? REAL_TIMING;
    this.identities = new Identities(store.identities, log, this.timing.now);
    this.pacer = new Pacer({ ...DEFAULT_PACING, ...options.pacing }, this.timing);
    this.acks = new AckWatch((messageId, code) => this.refusedLate(messageId, code));
    this.connection = new ConnectionManager({
      factory: options.factory,
      auth: store.auth,
      getMessage: (key) => this.getMessage(key),
      pairing: new Pairing({
        pngPath: options.qrPath,
        pairingNumber: options.pairingNumber,
        notify,
        log,
        terminal: options.qrInTerminal ?? true,
      }),
      log,
      notify,
      random: this.timing.random,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      onSocket: (sock) => this.listen(sock),
    });
  }

  /** The staff group's address, for delivering to it. */
  get staffAddress(): string | undefined {
    return this.options.staffGroup;
  }

  async start(host: ChannelHost): Promise<void> {
    this.host = host;
    this.stopped = false;
    this.prune();
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
    this.connection.connect();
  }

  /** Resolves once every message received so far is handled (and its replies sent). */
  async idle(): Promise<void> {
    await this.intake.idle();
    await this.work.idle();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.connection.stop();
    await this.idle();
  }

  async deliver(out: Outgoing): Promise<string | undefined> {
    const route = this.route(out.address);
    let sock: WaSocket;
    try {
      sock = await this.connection.whenOpen();
    } catch (error) {
      throw new DeliveryError((error as Error).message, "retry", 60_000);
    }
    const contents = outgoingContents(out.message, existsSync);
    let last: string | undefined;
    for (const content of contents) last = await this.send(sock, route, content, out);
    // The last part's id, so a staff member quoting it can be traced back to the case.
    return last;
  }

  // --- inbound ---------------------------------------------------------------------------

  private listen(sock: WaSocket): void {
    const guard =
      <T>(event: string, fn: (arg: T) => void) =>
      (arg: T) => {
        try {
          fn(arg);
        } catch (error) {
          this.options.log.error({ err: error, event }, "whatsapp_event_failed");
        }
      };
    sock.ev.on(
      "messages.upsert",
      guard("messages.upsert", ({ messages, type }) => {
        // 'append' carries what arrived while the bot was offline: it must be answered too.
        for (const msg of messages) this.accept(sock, msg, type);
      }),
    );
    sock.ev.on(
      "messages.update",
      guard("messages.update", (updates) => this.acks.onUpdate(updates)),
    );
    sock.ev.on(
      "lid-mapping.update",
      guard("lid-mapping.update", (pair) => this.identities.learn([pair], "lid-mapping")),
    );
    sock.ev.on(
      "messaging-history.set",
      guard("messaging-history.set", ({ lidPnMappings, contacts }) =>
        this.identities.learn(
          [...(lidPnMappings ?? []), ...pairsFromContacts(contacts ?? [])],
          "history",
        ),
      ),
    );
    sock.ev.on(
      "contacts.upsert",
      guard("contacts.upsert", (contacts) =>
        this.identities.learn(pairsFromContacts(contacts), "contacts"),
      ),
    );
    sock.ev.on(
      "contacts.update",
      guard("contacts.update", (contacts) =>
        this.identities.learn(pairsFromContacts(contacts), "contacts"),
      ),
    );
  }

  private accept(sock: WaSocket, msg: WAMessage, type: string): void {
    const { log, store } = this.options;
    const read = readMessage(msg, this.options.staffGroup);
    if (read.kind === "skip") {
      const level = read.reason === "undecryptable" ? "warn" : "debug";
      log[level]({ reason: read.reason, upsert: type }, "whatsapp_skipped");
      return;
    }
    if (this.stopped || this.inflight.has(read.id)) return;
    if (read.kind === "user" ? store.handled(read.id) : this.staffSeen.has(read.id)) {
      log.debug({ upsert: type }, "whatsapp_duplicate");
      return;
    }
    this.inflight.add(read.id);
    void this.intake.run("intake", async () => {
      try {
        if (read.kind === "staff") {
          void this.work.run(read.chat, () => this.handleStaff(sock, msg, read));
          return;
        }
        const who = await this.identities.resolve(read.sender, read.chat, sock);
        remember(this.recentJids, who.address, who.replyJid);
        // Resolving is in order; handling may wait for replies, so it runs per person.
        void this.work
          .run(who.address, () => this.handleUser(sock, msg, read, who.address))
          .finally(() => this.inflight.delete(read.id));
      } catch (error) {
        this.inflight.delete(read.id);
        log.error({ err: error, upsert: type }, "whatsapp_inbound_failed");
      }
    });
  }

  private async handleUser(
    sock: WaSocket,
    msg: WAMessage,
    read: WaRead,
    address: string,
  ): Promise<void> {
    const { log } = this.options;
    const host = this.host;
    if (!host) return;
    sock = this.live(sock);
    // Seen, and "typing…", the way a person at the phone would react.
    await this.quietly(() => sock.readMessages([msg.key]));
    await this.quietly(() => sock.sendPresenceUpdate("composing", read.chat));
    const input = await this.toInput(sock, msg, read.id, read.content);
    try {
      await host.receive({ channel: this.name, address, messageId: read.id, input });
    } catch (error) {
      if (input.type === "media" && input.media.path) rmSync(input.media.path, { force: true });
      log.error({ err: error }, "whatsapp_receive_failed");
    }
  }

  private async handleStaff(sock: WaSocket, msg: WAMessage, read: WaRead): Promise<void> {
    const host = this.host;
    sock = this.live(sock);
    try {
      if (!host) return;
      const { content, sender } = read;
      const input =
        content.type === "text" ? undefined : await this.toInput(sock, msg, read.id, content);
      const pn =
        sender.pn ??
        (sender.lid ? await this.quietly(() => sock.pnForLid(sender.lid as string)) : undefined);
      const quotedRef = read.quotedId
        ? (this.options.store.sent.get(read.quotedId)?.ref ?? undefined)
        : undefined;
      const number = pn ? jidDecode(pn)?.user : undefined;
      await host.receiveStaff(staffInbound(read, { input, number, quotedRef }));
      remember(this.staffSeen, read.id, true);
    } catch (error) {
      this.options.log.error({ err: error }, "whatsapp_staff_message_failed");
    } finally {
      this.inflight.delete(read.id);
    }
  }

  /** The bot's input for a message's content; media is downloaded first. */
  private async toInput(
    sock: WaSocket,
    msg: WAMessage,
    id: string,
    content: WaContent,
  ): Promise<UserInput> {
    if (content.type !== "media") return content;
    const { media: limits, log } = this.options;
    const info = { kind: content.kind, mime: content.mime, size: content.size };
    let refusal = precheck(info, limits);
    for (let attempt = 0; !refusal && attempt < DOWNLOAD_ATTEMPTS; attempt++) {
      try {
        const saved = await saveMedia(await sock.downloadMedia(msg), info, limits);
        if (saved.ok) {
          const media: MediaRef = {
            kind: content.kind,
            mime: saved.mime,
            size: saved.size,
            fileId: id,
            path: saved.path,
          };
          if (content.caption) media.caption = content.caption;
          if (content.fileName) media.fileName = content.fileName;
          return { type: "media", media };
        }
        refusal = saved.reason === "failed" ? undefined : saved.reason;
      } catch (error) {
        log.warn({ err: error, attempt }, "whatsapp_media_download_failed");
        await this.timing.sleep(2_000);
        sock = this.live(sock);
      }
    }
    log.warn(
      { kind: content.kind, mime: content.mime ?? null, size: content.size ?? null, refusal },
      "whatsapp_media_refused",
    );
    // The person hears why the file was not kept (too large, not what it claims, a type not
    // taken); a caption is still read.
    const what = refusal && refusal !== "failed" ? REFUSED[refusal] : "other";
    return { type: "unsupported", what, ...(content.caption ? { caption: content.caption } : {}) };
  }

  // --- outbound --------------------------------------------------------------------------

  private route(address: string): Route {
    const { staffGroup, store } = this.options;
    if (staffGroup && address === staffGroup)
      return { jid: staffGroup, address, staff: true, keep: true };
    const known = store.identities.find(address)?.replyJid;
    // After an erasure only memory knows where the goodbye goes; nothing of it is stored.
    const jid = known ?? this.recentJids.get(address);
    if (!jid) {
      // Never start a chat: WhatsApp bans numbers that message people who did not write first.
      throw new DeliveryError(
        "this person never wrote to the bot on WhatsApp; the bot does not start chats",
        "permanent",
      );
    }
    return { jid, address, staff: false, keep: known !== undefined };
  }

  private async send(
    sock: WaSocket,
    route: Route,
    content: AnyMessageContent,
    out: Outgoing,
  ): Promise<string> {
    const { store, log } = this.options;
    const { sleep } = this.timing;
    await this.pacer.slot();
    if (!route.staff) {
      await this.quietly(() => sock.sendPresenceUpdate("composing", route.jid));
      await sleep(this.pacer.typingMs("text" in content ? content.text : ""));
    }
    // Our own id, so a refusal can be watched for before the message leaves.
    const messageId = generateMessageIDV2(sock.user?.id);
    const watch = this.acks.watch(messageId);
    try {
      let sent: WAMessage | undefined;
      try {
        sent = await sock.sendMessage(route.jid, content, { messageId });
      } catch (error) {
        throw this.sendError(error);
      }
      if (sent?.message && route.keep) {
        store.sent.add(
          {
            messageId: sent.key.id ?? messageId,
            address: route.address,
            jid: route.jid,
            ref: out.ref,
            message: serialise(sent.message),
          },
          this.timing.now(),
        );
      }
      if (!route.staff) await this.quietly(() => sock.sendPresenceUpdate("paused", route.jid));
      const refused = await Promise.race([
        watch.refused,
        sleep(this.pacer.gapMs()).then(() => undefined),
      ]);
      if (refused !== undefined) throw this.refused(refused);
    } finally {
      watch.done();
    }
    log.debug({ outbox: out.ref }, "whatsapp_sent");
    return messageId;
  }

  private sendError(error: unknown): DeliveryError {
    if (error instanceof DeliveryError) return error;
    const code = statusCode(error);
    const message = error instanceof Error ? error.message : String(error);
    if (code !== undefined && String(code) === REACHOUT_RESTRICTED)
      return this.refused(String(code));
    if (isConnectionClosed(error)) return new DeliveryError(message, "retry", 3_000);
    if (code !== undefined && code >= 400 && code < 500 && code !== 429)
      return new DeliveryError(message, "permanent");
    return new DeliveryError(message, "retry");
  }

  private refused(code: AckError): DeliveryError {
    if (code === REACHOUT_RESTRICTED) {
      // Retrying counts as another reach-out and deepens the restriction: never retry.
      this.options.log.error({ code }, "whatsapp_reachout_refused");
      return new DeliveryError(
        "WhatsApp refused the message (463: reach-out restricted)",
        "permanent",
      );
    }
    this.options.log.warn({ code }, "whatsapp_message_refused");
    return new DeliveryError(`WhatsApp refused the message (${code})`, "retry");
  }

  private refusedLate(_messageId: string, code: AckError): void {
    const level = code === REACHOUT_RESTRICTED ? "error" : "warn";
    this.options.log[level]({ code }, "whatsapp_message_refused_late");
  }

  private async getMessage(key: WAMessageKey): Promise<proto.IMessage | undefined> {
    if (!key.id) return undefined;
    const row = this.options.store.sent.get(key.id);
    if (!row) return undefined;
    return proto.Message.fromObject(JSON.parse(row.message, BufferJSON.reviver) as object);
  }

  private prune(): void {
    try {
      this.options.store.sent.prune(this.timing.now() - SENT_RETENTION_MS);
    } catch (error) {
      this.options.log.error({ err: error }, "whatsapp_prune_failed");
    }
  }

  /** The open socket if there is one (a message may outlive the socket it came on). */
  private live(sock: WaSocket): WaSocket {
    return this.connection.socket ?? sock;
  }

  /** Runs a best-effort socket call; failures (e.g. Connection Closed) are logged, not thrown. */
  private async quietly<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      this.options.log.debug({ err: error }, "whatsapp_call_failed");
      return undefined;
    }
  }
}
