import { ContentError } from "../app.ts";
import { ConfigError } from "../config.ts";

/** An error as the operator should read it: one clear line for the ones we expect. */
export function describeError(error: unknown): string {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if (error instanceof ContentError)
    return `The flows have errors; the bot will not start:\n${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Runs a command-line program: its result is the exit code; an error is printed (see
 * {@link describeError}) and exits with 1.
 */
export function runCli(main: () => number | Promise<number>): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        console.error(describeError(error));
        process.exitCode = 1;
      },
    );
}
