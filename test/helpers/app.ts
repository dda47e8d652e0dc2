import { type App, createApp } from "../../src/app.ts";
import { Simulator, SimulatorChannel } from "../../src/channels/simulator/channel.ts";
import { type Config, readConfig } from "../../src/config.ts";
import { createLogger, type Logger } from "../../src/log.ts";

/** A clock tests can move. */
export class FakeClock {
  constructor(public ms = Date.UTC(2026, 10, 27, 9, 0, 0)) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A deterministic random source (mulberry32). */
export function seeded(seed = 42): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A silent logger for tests. */
export const quietLog: Logger = createLogger("silent");

/** Configuration for tests: defaults plus overrides. */
export function testConfig(env: Record<string, string> = {}): Config {
  return readConfig({ LOG_LEVEL: "silent", ...env });
}

/** A bot on an in-memory database driven through the simulator. */
export interface TestBot {
  app: App;
  sim: Simulator;
  channel: SimulatorChannel;
  clock: FakeClock;
}

/** Builds a {@link TestBot}. */
export function testBot(
  options: { env?: Record<string, string>; lang?: string; databasePath?: string } = {},
): TestBot {
  const clock = new FakeClock();
  const channel = new SimulatorChannel();
  const app = createApp({
    config: testConfig(options.env),
    log: quietLog,
    channels: [channel],
    clock: clock.now,
    random: seeded(),
    databasePath: options.databasePath ?? ":memory:",
  });
  // Starting the simulator channel only hands it the app, at once: nothing to wait for.
  void channel.start(app);
  const sim = new Simulator(channel, options.lang ? { langHint: options.lang } : {});
  return { app, sim, channel, clock };
}
