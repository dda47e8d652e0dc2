/**
 * What the web chat channel keeps in the database, as an interface: `src/store/web-chat.ts`
 * implements it (the channel itself never writes SQL).
 */
import type { OutMessage } from "../../engine/types.ts";

/** One line of a browser's transcript. */
export interface TranscriptEntry {
  id: number;
  direction: "in" | "out";
  message: OutMessage;
  createdAt: number;
}

/** A browser's transcript: the bot's messages as delivered, and what the person sent. */
export interface TranscriptStore {
  add(address: string, direction: "in" | "out", message: OutMessage, now: number): number;
  after(address: string, afterId: number, limit?: number): TranscriptEntry[];
  latest(address: string, limit?: number): TranscriptEntry[];
  /** The id of the oldest entry kept for the address, if any. */
  oldest(address: string): number | undefined;
}

/** Small values the web chat remembers: its cookie secret, whether staff heard the folder is full. */
export interface SettingsStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}
