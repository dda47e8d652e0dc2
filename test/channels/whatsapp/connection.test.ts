import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay } from "../../../src/channels/whatsapp/backoff.ts";
import { ConnectionManager, ConnectionStopped } from "../../../src/channels/whatsapp/connection.ts";
import { Pairing } from "../../../src/channels/whatsapp/pairing.ts";
import { openDatabase } from "../../../src/store/db.ts";
import { Store } from "../../../src/store/store.ts";
import { quietLog } from "../../helpers/app.ts";
import { FakeWaFactory } from "../../helpers/fake-whatsapp.ts";

let store: Store;
let dir: string;
let notices: string[];
let factory: FakeWaFactory;

function manager(options: { pairingNumber?: string; random?: () => number } = {}) {
  const pairing = new Pairing({
    pngPath: join(dir, "qr.png"),
    pairingNumber: options.pairingNumber,
    notify: (t) => notices.push(t),
    log: quietLog,
    terminal: false,
  });
  return new ConnectionManager({
    factory: factory.create,
    auth: store.whatsapp.auth,
    getMessage: async () => undefined,
    pairing,
    log: quietLog,
    notify: (t) => notices.push(t),
    random: options.random ?? (() => 1),
    backoff: { baseMs: 2_000, maxMs: 60_000 },
    onSocket: () => undefined,
  });
}

beforeEach(() => {
  store = new Store(openDatabase(":memory:"));
  dir = mkdtempSync(join(tmpdir(), "jr-wa-conn-"));
  notices = [];
  factory = new FakeWaFactory();
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("WhatsApp connection manager", () => {
  it("connects once even when asked twice (single flight)", () => {
    const m = manager();
    m.connect();
    m.connect();
    expect(factory.sockets).toHaveLength(1);
    factory.last.open();
    m.connect();
    expect(factory.sockets).toHaveLength(1);
    expect(m.status).toBe("open");
  });

  it("saves the whole credentials object on every creds.update", () => {
    const m = manager();
    m.connect();
    const creds = factory.last.params.auth.creds;
    factory.last.emit("creds.update", { registered: true, platform: "android" });
    const saved = JSON.parse(store.whatsapp.auth.readCreds() ?? "{}") as Record<string, unknown>;
    expect(saved.registered).toBe(true);
    expect(saved.platform).toBe("android");
    expect(saved.registrationId).toBe(creds.registrationId);
  });

  it("515 after pairing: reconnects at once with the same credentials", () => {
    const m = manager();
    m.connect();
    const first = factory.last;
    first.emit("creds.update", { registered: true });
    first.close(515);
    expect(factory.sockets).toHaveLength(2);
    expect(factory.last.params.auth.creds.registrationId).toBe(
      first.params.auth.creds.registrationId,
    );
    expect(factory.last.params.auth.creds.registered).toBe(true);
  });

  it("401 logged out: forgets the login, tells the operator, and pairs again", () => {
    const m = manager();
    m.connect();
    factory.last.emit("creds.update", { registered: true });
    factory.last.params.auth.keys.set({ session: { "a.0": new Uint8Array([1]) } });
    factory.last.open();
    const old = factory.last.params.auth.creds;
    factory.last.close(401);
    expect(store.whatsapp.auth.readCreds()).toBeUndefined();
    expect(store.whatsapp.auth.keyCount()).toBe(0);
    expect(notices.join("\n")).toMatch(/LOGGED OUT/);
    expect(factory.sockets).toHaveLength(2);
    const fresh = factory.last.params.auth.creds;
    expect(fresh.registered).toBe(false);
    expect(fresh.registrationId).not.toBe(old.registrationId);
    // A second logout in a row backs off instead of spinning.
    factory.last.close(401);
    expect(factory.sockets).toHaveLength(2);
    vi.advanceTimersByTime(4_000);
    expect(factory.sockets).toHaveLength(3);
  });

  it("440 replaced: stops, says so, and never reconnects", async () => {
    const m = manager();
    m.connect();
    factory.last.open();
    factory.last.close(440);
    expect(m.status).toBe("stopped");
    expect(notices.join("\n")).toMatch(/another session/);
    vi.advanceTimersByTime(10 * 60_000);
    m.connect();
    expect(factory.sockets).toHaveLength(1);
    await expect(m.whenOpen()).rejects.toBeInstanceOf(ConnectionStopped);
  });

  it("403 forbidden: stops and alerts", () => {
    const m = manager();
    m.connect();
    factory.last.close(403);
    expect(m.status).toBe("stopped");
    expect(notices.join("\n")).toMatch(/FORBIDDEN/);
    vi.advanceTimersByTime(10 * 60_000);
    expect(factory.sockets).toHaveLength(1);
  });

  it("other closes: capped exponential backoff with jitter, reset once open", () => {
    const m = manager({ random: () => 1 });
    m.connect();
    const waits: number[] = [];
    for (const code of [408, 428, 503, 500, 411, undefined, 408, 408]) {
      factory.last.close(code);
      expect(m.status).toBe("waiting");
      const before = factory.sockets.length;
      let waited = 0;
      while (factory.sockets.length === before) {
        vi.advanceTimersByTime(500);
        waited += 500;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    factory.last.open();
    factory.last.close(408);
    vi.advanceTimersByTime(2_000);
    expect(m.status).toBe("connecting");
  });

  it("jitter spreads the backoff between half and all of the delay", () => {
    expect(backoffDelay(0, () => 0)).toBe(1_000);
    expect(backoffDelay(0, () => 1)).toBe(2_000);
    expect(backoffDelay(10, () => 0.5)).toBe(45_000);
  });

  it("waiters get the socket once open; stop() ends the socket and releases them", async () => {
    const m = manager();
    m.connect();
    const waiting = m.whenOpen();
    factory.last.open();
    await expect(waiting).resolves.toBe(factory.last);
    factory.last.close(408);
    const again = m.whenOpen();
    m.stop();
    await expect(again).rejects.toBeInstanceOf(ConnectionStopped);
    vi.advanceTimersByTime(60_000);
    expect(factory.sockets).toHaveLength(1);
  });

  it("ignores late events from a socket it replaced", () => {
    const m = manager();
    m.connect();
    const first = factory.last;
    first.close(515);
    first.close(440); // stale
    expect(m.status).toBe("connecting");
    expect(factory.sockets).toHaveLength(2);
  });

  it("shows the QR code as a PNG and deletes it once connected", async () => {
    vi.useRealTimers();
    const m = manager();
    m.connect();
    factory.last.emit("connection.update", { qr: "2@abc,def,ghi,jkl" });
    await vi.waitFor(() => expect(notices.join("\n")).toMatch(/scan this QR code/));
    expect(existsSync(join(dir, "qr.png"))).toBe(true);
    factory.last.open();
    expect(existsSync(join(dir, "qr.png"))).toBe(false);
  });

  it("with a pairing number asks once per socket for a code, and survives a closed socket", async () => {
    vi.useRealTimers();
    const m = manager({ pairingNumber: "6281234567890" });
    m.connect();
    factory.last.emit("connection.update", { qr: "ref1" });
    factory.last.emit("connection.update", { qr: "ref2" });
    await vi.waitFor(() => expect(notices.join("\n")).toMatch(/ABCD-1234/));
    expect(factory.last.pairingRequests).toEqual(["6281234567890"]);
    // A code asked on a socket that just closed throws Boom 428: caught, no crash.
    factory.last.ended = true;
    factory.last.close(515);
    factory.last.ended = true;
    factory.last.emit("connection.update", { qr: "ref3" });
    await new Promise((r) => setTimeout(r, 10));
    expect(factory.last.pairingRequests).toEqual([]);
    expect(existsSync(join(dir, "qr.png"))).toBe(false);
  });
});
