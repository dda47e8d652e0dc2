/**
 * The bot's HTTP server (Hono on Node): `GET /healthz` for the operator's health checks, the
 * Telegram webhook when that mode is on, and whatever later parts (the staff console) add to
 * `app` before {@link HttpServer.listen}.
 */
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Logger } from "../log.ts";

/** What `/healthz` reports; a failing check answers 503. */
export type HealthCheck = () => { ok: boolean; detail?: Record<string, unknown> };

/** Where to listen. */
export interface HttpOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  log: Logger;
  health?: HealthCheck;
}

/** The HTTP server: add routes to `app`, then `listen()`. */
export class HttpServer {
  readonly app = new Hono();
  private server: ServerType | undefined;

  constructor(private readonly options: HttpOptions) {
    this.app.get("/healthz", (c) => {
      let result: ReturnType<HealthCheck>;
      try {
        result = options.health?.() ?? { ok: true };
      } catch (err) {
        result = { ok: false, detail: { error: err instanceof Error ? err.message : String(err) } };
      }
      return c.json({ status: result.ok ? "ok" : "fail", ...result.detail }, result.ok ? 200 : 503);
    });
    this.app.onError((err, c) => {
      options.log.error({ err: err.message, path: c.req.path }, "http_error");
      return c.text("internal error", 500);
    });
  }

  /** Starts listening; resolves with the port (useful when `port` was 0). */
  listen(): Promise<number> {
    const { host, port, log } = this.options;
    return new Promise((resolve, reject) => {
      const server = serve({ fetch: this.app.fetch, hostname: host, port }, (info: AddressInfo) => {
        log.info({ host: info.address, port: info.port }, "http_listening");
        resolve(info.port);
      });
      server.once("error", reject);
      this.server = server;
    });
  }

  /** Stops accepting connections and closes idle ones; resolves when the server is closed. */
  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      if ("closeIdleConnections" in server) server.closeIdleConnections();
    });
  }
}
