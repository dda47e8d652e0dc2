/**
 * `npm start`: runs the bot on every configured channel, with the HTTP server for the web chat,
 * the staff console and health checks. With no messaging app configured it serves the web chat
 * and console on this machine only and prints their addresses. `npm run chat` (`--chat`) opens
 * the terminal chat instead and exits when stdin closes; its log goes to a file next to the
 * database. SIGINT/SIGTERM (however often they arrive: npm passes them on to a process group
 * that got them already) or the death of npm stop it gracefully: no new messages, those in
 * flight finished, the outbox flushed, the database closed, exit code 0.
 */
import { dirname, join } from "node:path";

import { botTranslator, createApp, loadCheckedContent } from "../app.ts";
import { channelsFromConfig } from "../channels/from-config.ts";
import { TerminalChannel } from "../channels/terminal/channel.ts";
import { WEB_CHAT } from "../channels/web/channel.ts";
import { type Config, loadDotEnv, readConfig } from "../config.ts";
import { serveConsole } from "../console/serve.ts";
import { localUrl } from "../console/urls.ts";
import { HttpServer } from "../http/server.ts";
import { createChatLogger, createLogger } from "../log.ts";
import { openDatabase } from "../store/db.ts";
import { Store } from "../store/store.ts";
import { startedByNpm, watchParent } from "./parent-watch.ts";
import { describeError } from "./run.ts";

/** Lines telling the operator which channels are off and how to turn them on. */
export function channelStatus(config: Config): string[] {
  const telegramMode = config.TELEGRAM_WEBHOOK_URL ? "webhook" : "long polling";
  return [
    config.TELEGRAM_BOT_TOKEN
      ? `Telegram: on (${telegramMode})`
      : "Telegram: off (set TELEGRAM_BOT_TOKEN to turn it on)",
    config.WHATSAPP_ENABLED
      ? "WhatsApp: on"
      : "WhatsApp: off (set WHATSAPP_ENABLED=true to turn it on)",
  ];
}

/**
 * How long a graceful stop may take before the process exits anyway: under the 10 s that
 * `docker stop` and many process managers wait before killing.
 */
const STOP_TIMEOUT_MS = 8_000;

async function main(): Promise<void> {
  loadDotEnv();
  const config = readConfig();
  const chatMode = process.argv.includes("--chat");
  // In the terminal chat, log lines among the messages would drown the conversation.
  const logFile = chatMode ? join(dirname(config.DATABASE_PATH), "chat.log") : undefined;
  const log = logFile
    ? createChatLogger(config.LOG_LEVEL, logFile)
    : createLogger(config.LOG_LEVEL);
  const content = loadCheckedContent();
  // Channels keep their state (WhatsApp's login, the web chat's transcripts) in the database,
  // so it is opened first; the app closes it.
  const store = new Store(openDatabase(config.DATABASE_PATH));
  const remote = Boolean(config.TELEGRAM_BOT_TOKEN) || config.WHATSAPP_ENABLED;
  // The HTTP server runs as a server (web chat, console, health checks, webhooks); the terminal
  // chat has it only when a messaging app needs it.
  const http =
    !chatMode || remote
      ? new HttpServer({
          host: config.HTTP_HOST,
          port: config.PORT,
          log,
          health: () => ({
            ok: store.db.open && channels.every((channel) => channel.healthy !== false),
            detail: { channels: channels.map((channel) => channel.name) },
          }),
        })
      : undefined;
  const channels = await channelsFromConfig(config, {
    log,
    t: botTranslator(content, log),
    store,
    http,
    terminal: chatMode
      ? {
          input: process.stdin,
          output: process.stdout,
          interactive: process.stdin.isTTY === true,
          // A terminal's width; COLUMNS when the output goes to a pipe (80 without it).
          columns: () => process.stdout.columns || Number(process.env.COLUMNS) || undefined,
        }
      : undefined,
  });
  const app = createApp({ config, log, channels, content, store });
  if (http && !chatMode) serveConsole(http, app, config, { log });
  const terminal = channels.find((channel) => channel instanceof TerminalChannel);
  const webChat = channels.some((channel) => channel.name === WEB_CHAT);

  for (const line of channelStatus(config)) process.stderr.write(`${line}\n`);
  process.stderr.write(`Database: ${config.DATABASE_PATH}\n`);
  if (logFile) process.stderr.write(`Log: ${logFile}\n`);

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, "stopping");
    const deadline = setTimeout(() => {
      log.error({ ms: STOP_TIMEOUT_MS }, "stop_timeout");
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    deadline.unref();
    // Channels stop first: browsers waiting for news are answered, so the server can close
    // their connections. (The app stops them again, which does nothing.)
    await Promise.allSettled(channels.map((channel) => channel.stop()));
    const closing = http?.close();
    await app.close();
    await closing;
    clearTimeout(deadline);
    log.info({ reason }, "stopped");
    // Anything left (idle keep-alive sockets) must not hold the process; stdout gets a moment
    // to drain first.
    setTimeout(() => process.exit(process.exitCode ?? 0), 1_000).unref();
  };
  // `on`, not `once`: a repeated signal (npm forwards what the whole group already got) must
  // not fall back to the default action and kill the process halfway through stopping.
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  // npm gone without passing a signal on: nobody supervises this process any more.
  if (startedByNpm()) watchParent(() => void stop("parent exited"));

  if (http) {
    const port = await http.listen();
    const local = localUrl(config.HTTP_HOST, port);
    // Staff in a chat get links only to an address they can reach: PUBLIC_URL, or this machine
    // when the server listens on it alone.
    if (local.loopback) app.consoleLinks.setLocalBase(local.url);
    const base = config.PUBLIC_URL ?? local.url;
    process.stderr.write(`HTTP: listening on ${config.HTTP_HOST}:${port} (GET /healthz)\n`);
    if (!chatMode) {
      if (webChat) process.stderr.write(`Web chat: ${base}/chat\n`);
      process.stderr.write(
        `Staff console: ${base}/console (sign in: /masuk in a staff chat, or npm run console:link -- --name "Your name")\n`,
      );
    }
  }
  app.start();
  try {
    for (const channel of channels) await channel.start(app);
  } catch (error) {
    if (stopping) return; // a signal arrived while a channel was still connecting
    throw error;
  }
  if (terminal) {
    process.stderr.write("Terminal chat: type a message (Ctrl+D to quit).\n");
    await terminal.closed;
    await stop("stdin closed");
  }
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  // Exit now: a channel may still hold the event loop open (e.g. a connection being retried).
  process.exit(1);
});
