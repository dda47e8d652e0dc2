import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  addTransactionCapability,
  makeCacheableSignalKeyStore,
  proto,
  type SignalDataSet,
} from "@whiskeysockets/baileys";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadSqliteAuth, sqliteKeyStore } from "../../../src/channels/whatsapp/auth-state.ts";
import { baileysLogger } from "../../../src/channels/whatsapp/baileys-logger.ts";
import { openDatabase } from "../../../src/store/db.ts";
import { Store } from "../../../src/store/store.ts";
import { quietLog } from "../../helpers/app.ts";

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "jr-wa-auth-"));
  path = join(dir, "bot.db");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => new Store(openDatabase(path));
const buf = (n = 32) => randomBytes(n);

/** One value of every Signal key type Baileys 7 stores. */
function everyKeyType(): SignalDataSet {
  return {
    "pre-key": { "1": { public: buf(), private: buf() } },
    session: { "6281234567890.0": new Uint8Array(buf(120)) },
    "sender-key": { "120363@g.us::123::0": new Uint8Array(buf(60)) },
    "sender-key-memory": { "120363@g.us": { "123@lid": true } },
    "app-state-sync-key": {
      AAAAAQ: {
        keyData: buf(),
        fingerprint: { rawId: 7, currentIndex: 2, deviceIndexes: [0, 3] },
        timestamp: 1_700_000_000,
      },
    },
    "app-state-sync-version": {
      regular_high: { version: 4, hash: buf(128), indexValueMap: { abc: { valueMac: buf() } } },
    },
    "lid-mapping": {
      "6281234567890": "123456789012345",
      "123456789012345_reverse": "6281234567890",
    },
    "device-list": { "6281234567890": ["0", "12"] },
    tctoken: { "123456789012345@lid": { token: buf(24), timestamp: "1700000000" } },
    "identity-key": { "123456789012345.0": new Uint8Array(buf(33)) },
  };
}

/** Plain JSON of a value with Buffers as hex, to compare what comes back. */
function plain(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v) => {
      if (v && typeof v === "object" && v.type === "Buffer" && Array.isArray(v.data))
        return `hex:${Buffer.from(v.data).toString("hex")}`;
      if (v instanceof Uint8Array) return `hex:${Buffer.from(v).toString("hex")}`;
      return v;
    }),
  );
}

describe("WhatsApp auth state in SQLite", () => {
  it("survives a restart: creds and every key type round-trip with Buffers intact", async () => {
    const first = open();
    const auth = loadSqliteAuth(first.whatsapp.auth);
    expect(auth.registered).toBe(false);
    const creds = auth.state.creds;
    creds.registered = true;
    creds.me = { id: "6281100000001:7@s.whatsapp.net", lid: "99000001:7@lid", name: "Jalur Resmi" };
    creds.account = {
      details: buf(40),
      accountSignatureKey: buf(),
      accountSignature: buf(64),
      deviceSignature: buf(64),
    };
    creds.signalIdentities = [
      {
        identifier: { name: "6281100000001:7@s.whatsapp.net", deviceId: 0 },
        identifierKey: buf(33),
      },
    ];
    creds.routingInfo = buf(12);
    auth.saveCreds();
    const keys = everyKeyType();
    await auth.state.keys.set(keys);
    first.close();

    const second = open();
    const again = loadSqliteAuth(second.whatsapp.auth);
    expect(again.registered).toBe(true);
    expect(Buffer.isBuffer(again.state.creds.noiseKey.private)).toBe(true);
    expect(Buffer.isBuffer(again.state.creds.routingInfo)).toBe(true);
    expect(plain(again.state.creds)).toEqual(plain(creds));
    for (const [type, entries] of Object.entries(keys)) {
      if (type === "app-state-sync-key") continue; // a protobuf object: checked below
      const ids = Object.keys(entries ?? {});
      const got = await again.state.keys.get(type as keyof typeof keys, ids);
      expect(plain(got), type).toEqual(plain(entries));
    }
    const session = await again.state.keys.get("session", ["6281234567890.0"]);
    expect(Buffer.isBuffer(session["6281234567890.0"])).toBe(true);
    const tc = await again.state.keys.get("tctoken", ["123456789012345@lid"]);
    expect(Buffer.isBuffer(tc["123456789012345@lid"]?.token)).toBe(true);
    // Baileys reads app-state keys as protobuf objects.
    const appKey = await again.state.keys.get("app-state-sync-key", ["AAAAAQ"]);
    const original = keys["app-state-sync-key"]?.AAAAAQ;
    expect(appKey.AAAAAQ).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(
      Buffer.from(appKey.AAAAAQ?.keyData ?? []).equals(Buffer.from(original?.keyData ?? [])),
    ).toBe(true);
    expect(Number(appKey.AAAAAQ?.timestamp)).toBe(1_700_000_000);
    expect(appKey.AAAAAQ?.fingerprint?.deviceIndexes).toEqual([0, 3]);
    expect(second.whatsapp.auth.keyCount()).toBe(11);
    second.close();
  });

  it("null deletes a key; unknown ids are simply absent", async () => {
    const store = open();
    const keys = sqliteKeyStore(store.whatsapp.auth);
    await keys.set({ session: { a: buf(), b: buf() } });
    await keys.set({ session: { a: null } });
    expect(Object.keys(await keys.get("session", ["a", "b", "c"]))).toEqual(["b"]);
    store.close();
  });

  it("each set is atomic: a failing write stores none of the batch", async () => {
    const store = open();
    store.db.exec(`CREATE TRIGGER fail BEFORE INSERT ON wa_auth_keys WHEN NEW.id = 'boom'
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    const keys = sqliteKeyStore(store.whatsapp.auth);
    expect(() =>
      keys.set({ session: { ok: buf() }, "pre-key": { boom: { public: buf(), private: buf() } } }),
    ).toThrow(/disk says no/);
    expect(store.whatsapp.auth.keyCount()).toBe(0);
    store.close();
  });

  it("works behind Baileys' cache and transaction layer: one commit per transaction", async () => {
    const store = open();
    const repo = store.whatsapp.auth;
    const writes = vi.spyOn(repo, "writeKeys");
    const logger = baileysLogger(quietLog);
    const keys = addTransactionCapability(
      makeCacheableSignalKeyStore(sqliteKeyStore(repo), logger),
      logger,
      { maxCommitRetries: 2, delayBetweenTriesMs: 1 },
    );
    await keys.transaction(async () => {
      await keys.set({ session: { "1.0": buf() } });
      await keys.set({ "sender-key": { g: buf() }, "lid-mapping": { "62": "99" } });
    }, "test");
    expect(writes).toHaveBeenCalledTimes(1);
    expect(repo.keyCount()).toBe(3);
    const fresh = sqliteKeyStore(repo);
    expect(await fresh.get("lid-mapping", ["62"])).toEqual({ "62": "99" });
    store.close();
  });

  it("clear() forgets the login entirely", async () => {
    const store = open();
    const auth = loadSqliteAuth(store.whatsapp.auth);
    auth.saveCreds();
    await auth.state.keys.set(everyKeyType());
    await auth.state.keys.clear?.();
    expect(store.whatsapp.auth.readCreds()).toBeUndefined();
    expect(store.whatsapp.auth.keyCount()).toBe(0);
    store.close();
  });
});
