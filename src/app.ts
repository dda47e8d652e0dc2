/**
 * Assembles the bot: content, engine settings, store, runtime and delivery. `main.ts`, the
 * simulator and tests all build the bot through here, so they run the same thing.
 */
import { fileURLToPath } from "node:url";
import type { Channel, Inbound } from "./channels/channel.ts";
import type { Config } from "./config.ts";
import { type Content, checkLoaded, contentDirs, loadContent, translatorFor } from "./content.ts";
import type { EngineSettings } from "./engine/deps.ts";
import { formatProblem } from "./flows/problem.ts";
import type { Logger } from "./log.ts";
import { Delivery, type DeliveryPolicy } from "./runtime/delivery.ts";
import { type CaseOpened, type EngineBase, Runtime } from "./runtime/runtime.ts";
import { openDatabase } from "./store/db.ts";
import { Store } from "./store/store.ts";
import { Matcher } from "./understanding/matcher.ts";

/** The project root (where flows/, locales/ and data/ live). */
export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Thrown when the content has errors: the bot refuses to start with broken flows. */
export class ContentError extends Error {}

/** Loads and checks the content; throws {@link ContentError} listing the errors. */
export function loadCheckedContent(root = PROJECT_ROOT): Content {
  const content = loadContent(contentDirs(root));
  const result = checkLoaded(content);
  if (result.errors > 0) {
    const lines = result.problems.filter((p) => p.severity === "error").map(formatProblem);
    throw new ContentError(`${lines.join("\n")}\n${result.summary}`);
  }
  return content;
}

/** Engine settings from the configuration. */
export function engineSettings(config: Config): EngineSettings {
  return {
    defaultLang: config.DEFAULT_LANGUAGE,
    idleMs: config.SESSION_IDLE_MINUTES * 60_000,
    maxSteps: 100,
    maxRetries: 2,
  };
}

/** The engine's fixed dependencies, built from content. */
export function engineBase(content: Content, settings: EngineSettings, log: Logger): EngineBase {
  const { reference } = content;
  return {
    flows: content.flows.flows,
    t: translatorFor(content, (lang, key) => log.error({ lang, key }, "message_key_missing")),
    settings,
    lexicon: reference.lexicon,
    sources: reference.sources,
    params: reference.params,
    commands: reference.commands,
    understand: content.understanding
      ? new Matcher(content.understanding, reference.sources.countries ?? []).understand
      : undefined,
  };
}

/** What {@link createApp} needs. */
export interface AppOptions {
  config: Config;
  log: Logger;
  /** Channel adapters to deliver through (and to start). */
  channels?: Channel[];
  content?: Content;
  clock?: () => number;
  random?: () => number;
  policy?: DeliveryPolicy;
  /** Overrides `config.DATABASE_PATH` (tests use `:memory:`). */
  databasePath?: string;
  onCaseOpened?: CaseOpened;
}

/** A running bot's parts. */
export interface App {
  store: Store;
  runtime: Runtime;
  delivery: Delivery;
  channels: Map<string, Channel>;
  /** Handles a message and delivers the replies; the function channels call. */
  receive(inbound: Inbound): Promise<void>;
  /** Stops channels and delivery, then closes the database. */
  close(): Promise<void>;
}

/** Builds the bot. Channels are not started here; see `main.ts`. */
export function createApp(options: AppOptions): App {
  const { config, log } = options;
  const clock = options.clock ?? Date.now;
  const content = options.content ?? loadCheckedContent();
  const store = new Store(openDatabase(options.databasePath ?? config.DATABASE_PATH));
  const runtime = new Runtime({
    store,
    engine: engineBase(content, engineSettings(config), log),
    clock,
    log,
    ...(options.random ? { random: options.random } : {}),
    ...(options.onCaseOpened ? { onCaseOpened: options.onCaseOpened } : {}),
  });
  const channels = new Map((options.channels ?? []).map((c) => [c.name, c] as const));
  const delivery = new Delivery(store, channels, clock, log, options.policy);
  let closed = false;
  return {
    store,
    runtime,
    delivery,
    channels,
    async receive(inbound) {
      const handled = runtime.handle(inbound);
      await Promise.all([...handled.channels].map((name) => delivery.flush(name)));
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...channels.values()].map((c) => c.stop()));
      await delivery
        .flushAll()
        .catch((error: unknown) => log.error({ err: error }, "final_flush_failed"));
      await delivery.stop();
      store.close();
    },
  };
}
