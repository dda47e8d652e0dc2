import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, engineBase, engineSettings, loadCheckedContent } from "../../src/app.ts";
import type { Channel, Outgoing } from "../../src/channels/channel.ts";
import { Runtime } from "../../src/runtime/runtime.ts";
import { openDatabase } from "../../src/store/db.ts";
import { Store } from "../../src/store/store.ts";
import { quietLog, testConfig } from "../helpers/app.ts";

const root = join(import.meta.dirname, "..", "..");
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), "jr-rt-"));
  temps.push(dir);
  return join(dir, "bot.db");
};

class Recorder implements Channel {
  readonly name = "sim";
  readonly sent: Outgoing[] = [];
  async start() {}
  async stop() {}
  async deliver(out: Outgoing) {
    this.sent.push(out);
    return undefined;
  }
}

describe("runtime", () => {
  it("answers a message delivered twice only once", async () => {
    const channel = new Recorder();
    const app = createApp({
      config: testConfig(),
      log: quietLog,
      channels: [channel],
      databasePath: ":memory:",
    });
    const inbound = {
      channel: "sim",
      address: "a",
      messageId: "same-id",
      input: { type: "text", text: "halo" },
    } as const;
    await app.receive(inbound);
    await app.idle();
    const first = channel.sent.length;
    expect(first).toBeGreaterThan(0);
    expect(app.runtime.handle(inbound)).toMatchObject({ duplicate: true, queued: [] });
    await app.receive(inbound);
    await app.idle();
    expect(channel.sent.length).toBe(first);
    await app.close();
  });

  it("delivers after a restart what was committed before a crash, once", async () => {
    const db = tempDb();
    const crashed = spawnSync(
      process.execPath,
      ["--import", "tsx", join(root, "test/fixtures/scripts/crash-after-commit.ts"), db, "halo"],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    expect(crashed.signal).toBe("SIGKILL");

    const channel = new Recorder();
    const app = createApp({
      config: testConfig(),
      log: quietLog,
      channels: [channel],
      databasePath: db,
    });
    expect(app.store.outbox.pending("sim")).toBe(2);
    await app.delivery.flushAll();
    await app.delivery.flushAll();
    expect(channel.sent.map((o) => o.address)).toEqual(["a", "a"]);
    expect(channel.sent[1]?.message.options?.length).toBeGreaterThan(0);
    expect(app.store.outbox.pending("sim")).toBe(0);
    // The message itself was recorded as handled: delivered again, it gets no second answer.
    expect(
      app.runtime.handle({
        channel: "sim",
        address: "a",
        messageId: "m-1",
        input: { type: "text", text: "halo" },
      }).duplicate,
    ).toBe(true);
    await app.close();
  });

  it("answers kindly and keeps the conversation when the engine fails", () => {
    const content = loadCheckedContent(root);
    const base = engineBase(content, engineSettings(testConfig()), quietLog);
    const store = new Store(openDatabase(":memory:"));
    let broken = false;
    const runtime = new Runtime({
      store,
      engine: {
        ...base,
        understand: (_text, lang) => {
          if (broken) throw new Error("matcher bug");
          return { flow: null, confidence: "low", alternatives: [], lang, vars: {} };
        },
      },
      clock: () => 1_000,
      log: quietLog,
    });
    runtime.handle({ channel: "sim", address: "a", messageId: "1", input: { type: "start" } });
    const user = store.users.find("sim", "a");
    const before = store.sessions.load(user?.id ?? 0);
    broken = true;
    store.sessions.save(
      user?.id ?? 0,
      { ...(before as NonNullable<typeof before>), prompt: null },
      60_000,
    );
    const handled = runtime.handle({
      channel: "sim",
      address: "a",
      messageId: "2",
      input: { type: "text", text: "apa kabar" },
    });
    expect(handled.queued).toHaveLength(1);
    expect(store.outbox.get(handled.queued[0] as number)?.message.text).toMatch(/gangguan/);
    expect(store.sessions.load(user?.id ?? 0)?.lang).toBe("id");
  });
});
