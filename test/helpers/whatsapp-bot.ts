import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp, loadCheckedContent } from "../../src/app.ts";
import type { ReceiveStaff } from "../../src/channels/channel.ts";
import { WhatsAppChannel } from "../../src/channels/whatsapp/channel.ts";
import type { Content } from "../../src/content.ts";
import type { Command } from "../../src/engine/deps.ts";
import { loadFlowText } from "../../src/flows/load.ts";
import { openDatabase } from "../../src/store/db.ts";
import { Store } from "../../src/store/store.ts";
import { FakeClock, quietLog, seeded, testConfig } from "./app.ts";
import { FakeWaFactory, type FakeWaSocket } from "./fake-whatsapp.ts";

/** The staff group of the test bots. */
export const STAFF_GROUP = "120363000000000001@g.us";

/**
 * A fixture flow: one question answered with media (a voice note), then a report case. The
 * real `report` flow will do the same with more questions; switch to it by sending its words.
 */
const VOICE_REPORT = `
id: voice_report
description: Test fixture - a report made of one voice note.
start: tell
nodes:
  tell:
    type: ask
    text: human.ask
    input: media
    var: files
    next: open
  open:
    type: escalate
    kind: report
    category: other
    priority: normal
    answers: [files]
    next: done
  done:
    type: end
    text: human.sent
`;

/** The real content plus the fixture flow, reachable by typing "lapor suara". */
export function contentWithVoiceReport(): Content {
  const content = loadCheckedContent();
  const { loaded, problems } = loadFlowText(VOICE_REPORT, "voice_report.yaml");
  if (!loaded.flow || problems.length) throw new Error(JSON.stringify(problems));
  content.flows.flows.set("voice_report", loaded.flow);
  const command: Command = {
    name: "voice_report",
    words: ["lapor suara"],
    prefixes: [],
    argVar: undefined,
    target: "@voice_report",
    interrupt: false,
  };
  content.reference.commands.push(command);
  return content;
}

let sharedContent: Content | undefined;

/** A bot with the WhatsApp channel on a fake socket. */
export interface WhatsAppBot {
  app: App;
  channel: WhatsAppChannel;
  factory: FakeWaFactory;
  clock: FakeClock;
  notices: string[];
  dir: string;
  /** The current socket. */
  readonly sock: FakeWaSocket;
  /** Waits until every message so far is handled and answered. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Builds and starts a {@link WhatsAppBot}; the first socket is open unless `open: false`. */
export async function whatsappBot(
  options: {
    databasePath?: string;
    open?: boolean;
    maxBytes?: number;
    env?: Record<string, string>;
    dir?: string;
    /** Where staff-group messages go instead of the staff desk (tests of the adapter alone). */
    receiveStaff?: ReceiveStaff;
  } = {},
): Promise<WhatsAppBot> {
  sharedContent ??= contentWithVoiceReport();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "jr-wa-"));
  const clock = new FakeClock();
  // As main.ts builds it: the database first, then the channel, then the app.
  const store = new Store(openDatabase(options.databasePath ?? ":memory:"));
  const factory = new FakeWaFactory();
  const notices: string[] = [];
  const channel = new WhatsAppChannel({
    store: store.whatsapp,
    factory: factory.create,
    log: quietLog,
    notify: (text) => notices.push(text),
    staffGroup: STAFF_GROUP,
    qrPath: join(dir, "whatsapp-qr.png"),
    qrInTerminal: false,
    media: { dir: join(dir, "media"), maxBytes: options.maxBytes ?? 1024 * 1024, timeoutMs: 5_000 },
    timing: { now: clock.now, sleep: async () => undefined, random: seeded(7) },
    backoff: { baseMs: 1, maxMs: 2 },
  });
  const app = createApp({
    config: testConfig({ STAFF_WHATSAPP_GROUP: STAFF_GROUP, ...options.env }),
    log: quietLog,
    channels: [channel],
    content: sharedContent,
    clock: clock.now,
    random: seeded(),
    store,
    policy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10, pollMs: 50 },
  });
  await channel.start(options.receiveStaff ? { ...app, receiveStaff: options.receiveStaff } : app);
  if (options.open !== false) factory.last.open();
  return {
    app,
    channel,
    factory,
    clock,
    notices,
    dir,
    get sock() {
      return factory.last;
    },
    async settle() {
      await channel.idle();
      await app.delivery.flushAll();
      await channel.idle();
    },
    async close() {
      await app.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
