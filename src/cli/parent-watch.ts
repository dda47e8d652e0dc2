/**
 * Notices when the process that started the bot is gone. `npm start` stays the bot's parent;
 * if npm dies without passing a signal on (killed outright, or a shell in between that dies
 * by the signal), the bot would keep running as an orphan nobody supervises.
 */

/** How often the parent is checked: cheap (a system call), and quick enough for `docker stop`. */
const INTERVAL_MS = 500;

/**
 * Calls `onOrphaned` once when this process's parent changes (the parent died and the process
 * was handed to init or a subreaper). Returns a function that stops watching. The timer does
 * not keep the process alive.
 */
export function watchParent(onOrphaned: () => void, intervalMs = INTERVAL_MS): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Whether npm started this process (`npm start`, `npm run chat`): then npm is its supervisor. */
export function startedByNpm(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.npm_lifecycle_event);
}
