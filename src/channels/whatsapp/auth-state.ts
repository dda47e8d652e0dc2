import {
  type AuthenticationCreds,
  type AuthenticationState,
  BufferJSON,
  initAuthCreds,
  proto,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from "@whiskeysockets/baileys";
import type { AuthRepository } from "./ports.ts";

/** The auth state of one socket, and how to persist and forget it. */
export interface SqliteAuth {
  state: AuthenticationState;
  /** Stores the whole credentials object (Baileys mutates it in place and emits only parts). */
  saveCreds(): void;
  /** True once the device is linked to a phone. */
  readonly registered: boolean;
}

const serialise = (value: unknown): string => JSON.stringify(value, BufferJSON.replacer);
const parse = <T>(text: string): T => JSON.parse(text, BufferJSON.reviver) as T;

/**
 * The Signal key store over the database: every key type (sessions, pre-keys, sender keys,
 * app-state keys, LID mappings, device lists, tctokens, identity keys …) is stored as
 * BufferJSON text, each `set` is one transaction, and a null value deletes the key.
 */
export function sqliteKeyStore(repo: AuthRepository): SignalKeyStore {
  return {
    get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const found = repo.readKeys(type, ids);
      const result: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const [id, text] of found) {
        let value: unknown = parse(text);
        if (type === "app-state-sync-key" && value) {
          // Baileys reads fields off a real protobuf object here, not a plain one.
          value = proto.Message.AppStateSyncKeyData.fromObject(value as Record<string, unknown>);
        }
        result[id] = value as SignalDataTypeMap[T];
      }
      return result;
    },
    set(data: SignalDataSet) {
      const changes: { type: string; id: string; value: string | null }[] = [];
      for (const [type, entries] of Object.entries(data)) {
        for (const [id, value] of Object.entries(entries ?? {})) {
          changes.push({ type, id, value: value == null ? null : serialise(value) });
        }
      }
      repo.writeKeys(changes);
    },
    clear() {
      repo.clear();
    },
  };
}

/**
 * Loads the device's credentials from the database (fresh ones before the first pairing) and
 * pairs them with the SQLite key store.
 */
export function loadSqliteAuth(repo: AuthRepository): SqliteAuth {
  const stored = repo.readCreds();
  const creds: AuthenticationCreds = stored ? parse<AuthenticationCreds>(stored) : initAuthCreds();
  return {
    state: { creds, keys: sqliteKeyStore(repo) },
    saveCreds() {
      repo.writeCreds(serialise(creds));
    },
    get registered() {
      return creds.registered === true;
    },
  };
}
