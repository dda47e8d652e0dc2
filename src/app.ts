/**
 * Assembles the bot: content, engine settings, store, runtime and delivery. `main.ts`, the
 * simulator and tests all build the bot through here, so they run the same thing.
 */
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Channel, ChannelHost } from "./channels/channel.ts";
import type { Config } from "./config.ts";
import { ConsoleLinks } from "./console/auth.ts";
import { type Content, checkLoaded, contentDirs, loadContent, translatorFor } from "./content.ts";
import type { EngineSettings, StaffHours, Translator } from "./engine/deps.ts";
import type { FlowSet } from "./engine/flow.ts";
import { formatProblem } from "./flows/problem.ts";
import { flatten } from "./i18n/locales.ts";
import type { Logger } from "./log.ts";
import { type OutreachKit, outreachKit } from "./outreach/kit.ts";
import { entryBases } from "./outreach/links.ts";
import { shareLinks } from "./outreach/share.ts";
import { SourceTracker } from "./outreach/tracker.ts";
import { Delivery, type DeliveryPolicy } from "./runtime/delivery.ts";
import type { EngineBase } from "./runtime/effects.ts";
import { FloodGuard } from "./runtime/flood.ts";
import { Runtime } from "./runtime/runtime.ts";
import { ScheduledBackup } from "./runtime/scheduled-backup.ts";
import { parseStaffHours } from "./schedule/staff-hours.ts";
import type { StaffCommand } from "./staff/commands/command.ts";
import { StaffDesk, type StaffIdentity } from "./staff/desk.ts";
import { StaffDirectory } from "./staff/directory.ts";
import { StaffText, wibDate } from "./staff/render.ts";
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

function staffHours(text: string | undefined): StaffHours | undefined {
  if (!text) return undefined;
  const parsed = parseStaffHours(text);
  return "error" in parsed ? undefined : parsed;
}

/** Engine settings from the configuration. */
export function engineSettings(config: Config): EngineSettings {
  return {
    defaultLang: config.DEFAULT_LANGUAGE,
    idleMs: config.SESSION_IDLE_MINUTES * 60_000,
    maxSteps: 100,
    maxRetries: 2,
    staffHours: staffHours(config.STAFF_HOURS),
    retentionDays: config.RETENTION_DAYS,
  };
}

/** The bot's translator: both languages, a missing key logged. */
export function botTranslator(content: Content, log: Logger): Translator {
  return translatorFor(content, (lang, key) => log.error({ lang, key }, "message_key_missing"));
}

/** The engine's fixed dependencies, built from content. */
export function engineBase(content: Content, settings: EngineSettings, log: Logger): EngineBase {
  const { reference } = content;
  return {
    flows: content.flows.flows,
    t: botTranslator(content, log),
    settings,
    lexicon: reference.lexicon,
    sources: reference.sources,
    places: reference.places,
    params: reference.params,
    commands: reference.commands,
    ...understanding(content),
  };
}

/** The free-text matcher and word senses built from content, when it has understanding data. */
function understanding(content: Content): Pick<EngineBase, "understand" | "sense"> {
  if (!content.understanding) return { understand: undefined, sense: undefined };
  const matcher = new Matcher(content.understanding, content.reference.sources.places ?? []);
  return { understand: matcher.understand, sense: matcher.sense };
}

/** What {@link createApp} needs. */
export interface AppOptions {
  config: Config;
  log: Logger;
  /** Channel adapters to deliver through (and to start); see `channels/from-config.ts`. */
  channels?: Channel[];
  /**
   * The database, when it was opened first (channels that keep state in it are built before
   * the app); the app closes it. Without it the app opens `databasePath`.
   */
  store?: Store;
  content?: Content;
  clock?: () => number;
  random?: () => number;
  policy?: DeliveryPolicy;
  /** Overrides `config.DATABASE_PATH` (tests use `:memory:`). */
  databasePath?: string;
  /** Overrides the staff directory built from the configuration. */
  directory?: StaffDirectory;
}

/** A running bot's parts; channels are started with it as their {@link ChannelHost}. */
export interface App extends ChannelHost {
  store: Store;
  runtime: Runtime;
  delivery: Delivery;
  channels: Map<string, Channel>;
  desk: StaffDesk;
  /** Staff texts (Indonesian), for the web console. */
  text: StaffText;
  /** The bot's translator (both languages), for pages that speak to users. */
  t: Translator;
  /** The flows (the statistics page names their questions). */
  flows: FlowSet;
  /** One-time sign-in links for the web console (`/masuk`, `npm run console:link`). */
  consoleLinks: ConsoleLinks;
  /** Outreach: entry links, places, the poster's emergency line (console and `/sumber`). */
  outreach: OutreachKit;
  /**
   * A staff action from the web console, through the staff desk (same authorization, audit and
   * relaying as the staff chats); wakes the delivery of what it causes and returns the desk's
   * answers.
   */
  act(who: StaffIdentity, command: StaffCommand): Promise<string[]>;
  /**
   * Sends due reminders and the daily summary, purges old data and makes the daily backup when
   * due (also run by the timer {@link App.start} starts).
   */
  tick(): Promise<void>;
  /** Starts the delivery loop and the reminder timer. */
  start(): void;
  /** Stops channels and delivery, then closes the database. */
  close(): Promise<void>;
}

/** Builds the bot. Channels are not started here; see `main.ts`. */
export function createApp(options: AppOptions): App {
  const { config, log } = options;
  const clock = options.clock ?? Date.now;
  const content = options.content ?? loadCheckedContent();
  const store =
    options.store ?? new Store(openDatabase(options.databasePath ?? config.DATABASE_PATH));
  const base = engineBase(content, engineSettings(config), log);
  // The share flow's links depend on where the channels are reached (the configuration).
  const shared = shareLinks(entryBases(config), base.t);
  const engine: EngineBase = { ...base, settings: { ...base.settings, shareLinks: shared } };
  const channels = new Map((options.channels ?? []).map((c) => [c.name, c] as const));
  const directory =
    options.directory ?? StaffDirectory.fromConfig(config, { simulator: channels.has("sim") });
  const idTexts = flatten(content.locales.resources.id);
  const text = new StaffText(engine.t, (key) => idTexts.has(key));
  const consoleLinks = new ConsoleLinks(store.consoleAuth, config.PUBLIC_URL);
  const outreach = outreachKit(config, content.reference.contacts, engine.t, PROJECT_ROOT);
  const desk = new StaffDesk({
    store,
    engine,
    directory,
    text,
    console: consoleLinks,
    outreach,
    clock,
    log,
    reminders: {
      urgentMs: config.URGENT_CASE_REMINDER_MINUTES * 60_000,
      otherMs: config.CASE_REMINDER_MINUTES * 60_000,
      maxOther: 3,
      dailyHour: config.DAILY_SUMMARY_HOUR,
    },
  });
  const runtime = new Runtime({
    store,
    engine,
    clock,
    log,
    cases: desk,
    flood: new FloodGuard({
      max: config.FLOOD_MAX_MESSAGES,
      windowMs: config.FLOOD_WINDOW_SECONDS * 1000,
    }),
    arrivals: new SourceTracker(store.sources, { ...engine, defaultLang: config.DEFAULT_LANGUAGE }),
    ...(options.random ? { random: options.random } : {}),
  });
  const delivery = new Delivery(store, channels, clock, log, options.policy);
  // What a message or an action queued goes out in the background: nobody waits for it, so
  // one chat never waits behind another's sends (a staff group held back by its rate limit).
  const wake = (names: Iterable<string>) => {
    for (const name of names) delivery.wake(name);
  };
  const backup = config.BACKUP_DIR
    ? new ScheduledBackup({
        store,
        policy: { dir: config.BACKUP_DIR, hour: config.BACKUP_HOUR, keep: config.BACKUP_KEEP },
        clock,
        log,
        tellStaff: async (key, vars) => wake(desk.announce(key, vars)),
      })
    : undefined;
  // Retention runs once per (Pamekasan) day; files go after the rows are gone.
  const purgeDaily = () => {
    const now = clock();
    const today = wibDate(now);
    if (store.settings.get("retention_run") === today) return;
    const purge = store.transaction(() => {
      store.settings.set("retention_run", today);
      return store.purgeOld(now, config.RETENTION_DAYS);
    });
    for (const file of purge.files) rmSync(file, { force: true });
    log.info(
      {
        messages: purge.messages,
        outbox: purge.outbox,
        attachments: purge.attachments,
        audit: purge.audit,
      },
      "retention_purge",
    );
  };
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const app: App = {
    store,
    runtime,
    delivery,
    channels,
    desk,
    text,
    t: engine.t,
    flows: engine.flows,
    consoleLinks,
    outreach,
    async receive(inbound) {
      // The channels with new messages: the user's, and staff chats a case notice went to.
      wake(runtime.handle(inbound).channels);
      if (inbound.awaitReplies) await delivery.settled(inbound.channel, inbound.address);
    },
    async receiveStaff(message) {
      wake(desk.handle(message));
    },
    async act(who, command) {
      const result = desk.act(who, command);
      wake(result.touched);
      return result.replies;
    },
    acceptsMedia(channel, address) {
      return runtime.acceptsMedia(channel, address);
    },
    async alertStaff(key, vars) {
      wake(desk.announce(key, vars));
    },
    idle: () => delivery.flushAll(),
    async tick() {
      wake(desk.tick());
      purgeDaily();
      await backup?.tick();
    },
    start() {
      delivery.start();
      timer = setInterval(() => {
        app.tick().catch((error: unknown) => log.error({ err: error }, "reminder_tick_failed"));
      }, 60_000);
      timer.unref();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      await Promise.allSettled([...channels.values()].map((c) => c.stop()));
      await delivery
        .flushAll()
        .catch((error: unknown) => log.error({ err: error }, "final_flush_failed"));
      await delivery.stop();
      await backup?.stop();
      store.close();
    },
  };
  return app;
}
