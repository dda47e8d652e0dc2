import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { baileysSocketFactory } from "../../../src/channels/whatsapp/baileys-socket.ts";
import { ConnectionManager } from "../../../src/channels/whatsapp/connection.ts";
import { Pairing } from "../../../src/channels/whatsapp/pairing.ts";
import { openDatabase } from "../../../src/store/db.ts";
import { Store } from "../../../src/store/store.ts";
import { quietLog } from "../../helpers/app.ts";

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => server?.close(r) ?? r(undefined));
});

describe("the real Baileys socket", () => {
  it("is made by the factory, and a refused connection is retried with backoff", async () => {
    // A local "WhatsApp" that hangs up on every WebSocket upgrade: no network involved.
    let upgrades = 0;
    server = createServer();
    server.on("upgrade", (_req, socket) => {
      upgrades++;
      socket.destroy();
    });
    await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const store = new Store(openDatabase(":memory:"));
    const notices: string[] = [];
    const manager = new ConnectionManager({
      factory: baileysSocketFactory(quietLog, { waWebSocketUrl: `ws://127.0.0.1:${port}/ws` }),
      auth: store.whatsapp.auth,
      getMessage: async () => undefined,
      pairing: new Pairing({
        pngPath: "/nonexistent/qr.png",
        notify: (t) => notices.push(t),
        log: quietLog,
        terminal: false,
      }),
      log: quietLog,
      notify: (t) => notices.push(t),
      backoff: { baseMs: 20, maxMs: 40 },
      onSocket: () => undefined,
    });
    manager.connect();
    await vi.waitFor(() => expect(upgrades).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    manager.stop();
    expect(manager.status).toBe("stopped");
    expect(notices).toEqual([]);
    store.close();
  });
});
