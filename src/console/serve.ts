/**
 * Puts the staff console on the HTTP server, as configured. `main.ts` and the tests (including
 * the browser tests) go through here, so they serve the same thing. (The web chat's pages are
 * mounted by its channel: `channels/web/from-config.ts`.)
 */
import type { App } from "../app.ts";
import type { Config } from "../config.ts";
import type { HttpServer } from "../http/server.ts";
import type { Logger } from "../log.ts";
import { mediaDir } from "../media/dir.ts";
import { mountConsole } from "./console.ts";

/** Mounts the staff console. */
export function serveConsole(
  http: HttpServer,
  app: App,
  config: Config,
  options: { log: Logger; clock?: () => number; mediaDir?: string },
): void {
  mountConsole(http, {
    app,
    clock: options.clock ?? Date.now,
    log: options.log.child({ part: "console" }),
    secure: config.PUBLIC_URL?.startsWith("https:") ?? false,
    sessionMs: config.CONSOLE_SESSION_HOURS * 3_600_000,
    mediaDir: options.mediaDir ?? mediaDir(config),
    trustProxy: config.TRUST_PROXY,
  });
}
