/**
 * Runs a command without blocking the test's event loop. `spawnSync` must not be used while the
 * same test process serves HTTP: a blocked loop lets keep-alive timers expire unseen, and the
 * next request reuses a socket the server then closes (ECONNRESET).
 */
import { spawn } from "node:child_process";

/** What a finished command left. */
export interface Ran {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options for {@link run}. */
export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Killed (SIGKILL, its whole process group) after this long. */
  timeoutMs?: number;
}

/** Runs `command args` to the end and collects its output. */
export function run(command: string, args: string[], options: RunOptions): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
      // Its own group, so a timeout also stops what it started (npm → sh → node).
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, options.timeoutMs ?? 60_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
    // A command that exits without reading its input is not an error of the test.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}
