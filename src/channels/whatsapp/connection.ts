import type { ConnectionState, proto, WAMessageKey } from "@whiskeysockets/baileys";
import type { Logger } from "../../log.ts";
import { loadSqliteAuth } from "./auth-state.ts";
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from "./backoff.ts";
import { closeAction, statusCode } from "./disconnect.ts";
import { MemoryCache } from "./memory-cache.ts";
import type { Pairing } from "./pairing.ts";
import type { AuthRepository } from "./ports.ts";
import type { SocketFactory, WaSocket } from "./socket.ts";

/** Where the connection is. */
export type ConnectionStatus = "idle" | "connecting" | "open" | "waiting" | "stopped";

/** Thrown to callers waiting for a connection that will not come (stopped or shut down). */
export class ConnectionStopped extends Error {
  constructor(readonly reason: string) {
    super(`WhatsApp is stopped (${reason})`);
    this.name = "ConnectionStopped";
  }
}

/** What the connection manager needs. */
export interface ConnectionOptions {
  factory: SocketFactory;
  auth: AuthRepository;
  getMessage: (key: WAMessageKey) => Promise<proto.IMessage | undefined>;
  pairing: Pairing;
  log: Logger;
  /** Tells the operator something that needs them (stderr). */
  notify: (text: string) => void;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Called for every new socket, before it connects, to attach message listeners. */
  onSocket: (sock: WaSocket) => void;
}

interface Waiter {
  resolve: (sock: WaSocket) => void;
  reject: (error: Error) => void;
}

/**
 * Owns the one WhatsApp socket: connects (never two at once), saves credentials as they
 * change, shows pairing, and reacts to each close code — reconnect at once after pairing (515),
 * forget the login and pair again when logged out (401), stop and tell the operator when
 * replaced by another session (440) or forbidden (403), and otherwise back off exponentially.
 */
export class ConnectionManager {
  private current: WaSocket | undefined;
  private state: ConnectionStatus = "idle";
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;
  private waiters: Waiter[] = [];
  private stopReason = "";
  private everOpened = false;
  /** Retry counters must outlive sockets, or decryption retries loop after reconnects. */
  private readonly retryCounters = new MemoryCache();

  constructor(private readonly options: ConnectionOptions) {}

  /** The connection's state. */
  get status(): ConnectionStatus {
    return this.state;
  }

  /** The socket, when the connection is open. */
  get socket(): WaSocket | undefined {
    return this.state === "open" ? this.current : undefined;
  }

  /** Connects, unless a socket already exists or the manager was stopped (single flight). */
  connect(): void {
    if (this.state === "stopped" || this.current) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const { factory, auth: repo, getMessage, log } = this.options;
    const auth = loadSqliteAuth(repo);
    this.state = "connecting";
    let sock: WaSocket;
    try {
      sock = factory({
        auth: auth.state,
        getMessage,
        msgRetryCounterCache: this.retryCounters,
      });
    } catch (error) {
      log.error({ err: error }, "whatsapp_socket_failed");
      this.current = undefined;
      this.scheduleRetry();
      return;
    }
    this.current = sock;
    sock.ev.on("creds.update", (update) => {
      try {
        // Baileys changes the creds object in place and emits only the changed part.
        Object.assign(auth.state.creds, update);
        auth.saveCreds();
      } catch (error) {
        log.error({ err: error }, "whatsapp_creds_save_failed");
      }
    });
    sock.ev.on("connection.update", (update) => {
      try {
        this.onUpdate(sock, update);
      } catch (error) {
        log.error({ err: error }, "whatsapp_connection_update_failed");
      }
    });
    this.options.onSocket(sock);
  }

  /** Resolves with the socket once the connection is open; rejects if it stops for good. */
  whenOpen(): Promise<WaSocket> {
    const open = this.socket;
    if (open) return Promise.resolve(open);
    if (this.state === "stopped") return Promise.reject(new ConnectionStopped(this.stopReason));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Closes the socket (without logging out) and stops reconnecting. */
  stop(reason = "shutdown"): void {
    this.halt(reason);
  }

  private onUpdate(sock: WaSocket, update: Partial<ConnectionState>): void {
    if (sock !== this.current) return; // a late event from a socket already replaced
    if (update.qr) void this.options.pairing.onQr(update.qr, sock);
    if (update.reachoutTimeLock?.isActive) {
      this.options.log.error(
        { until: update.reachoutTimeLock.timeEnforcementEnds?.toISOString() },
        "whatsapp_reachout_timelock",
      );
      this.options.notify(
        "WhatsApp restricts this number from starting chats for now (reach-out time lock). " +
          "Replies in existing chats may still work; do not send to new contacts.",
      );
    }
    if (update.connection === "open") this.opened(sock);
    if (update.connection === "close") this.closed(update.lastDisconnect?.error);
  }

  private opened(sock: WaSocket): void {
    this.state = "open";
    this.attempts = 0;
    this.options.pairing.onOpen();
    this.options.log.info({ reconnect: this.everOpened }, "whatsapp_open");
    if (!this.everOpened) this.options.notify("WhatsApp: connected.");
    this.everOpened = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.resolve(sock);
  }

  private closed(error: Error | undefined): void {
    this.current = undefined;
    if (this.state === "stopped") return;
    const code = statusCode(error);
    const action = closeAction(code);
    const { log, notify } = this.options;
    log.warn({ code: code ?? null, action: action.kind }, "whatsapp_closed");
    switch (action.kind) {
      case "restart":
        this.state = "idle";
        this.connect();
        return;
      case "logged_out":
        this.options.auth.clear();
        log.error({ code }, "whatsapp_logged_out");
        notify(
          "WhatsApp: the bot's number was LOGGED OUT (the linked device was removed on the " +
            "phone, or WhatsApp ended the session). The old login was deleted. Link the number " +
            "again now: a new QR code (or pairing code) follows.",
        );
        // Pairing again starts from fresh credentials; back off only if it keeps happening.
        if (this.attempts === 0) {
          this.attempts++;
          this.state = "idle";
          this.connect();
        } else {
          this.scheduleRetry();
        }
        return;
      case "stop": {
        const text =
          action.reason === "replaced"
            ? "WhatsApp: another session with the same login connected and replaced this one " +
              "(a second copy of the bot, or WhatsApp Web with the same session?). WhatsApp is " +
              "STOPPED here so the two do not keep replacing each other. Make sure only one " +
              "copy runs, then restart the bot."
            : "WhatsApp: access FORBIDDEN (403): the number may be banned or restricted. " +
              "WhatsApp is STOPPED. Check the bot's phone, then restart the bot.";
        log.error({ code, reason: action.reason }, "whatsapp_stopped");
        notify(text);
        this.halt(action.reason);
        return;
      }
      case "backoff":
        this.scheduleRetry();
        return;
    }
  }

  private scheduleRetry(): void {
    const delay = backoffDelay(this.attempts++, this.options.random ?? Math.random, {
      ...DEFAULT_BACKOFF,
      ...this.options.backoff,
    });
    this.state = "waiting";
    this.options.log.info(
      { delayMs: delay, attempt: this.attempts },
      "whatsapp_reconnect_scheduled",
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.state = "idle";
      this.connect();
    }, delay);
  }

  private halt(reason: string): void {
    this.state = "stopped";
    this.stopReason = reason;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const sock = this.current;
    this.current = undefined;
    sock?.end(undefined);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(new ConnectionStopped(reason));
  }
}
