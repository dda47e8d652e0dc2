/** Counts updates being handled, so shutdown can wait for them to finish. */
export class Inflight {
  private count = 0;
  private waiters: (() => void)[] = [];

  /** Updates currently being handled. */
  get size(): number {
    return this.count;
  }

  /** Runs `fn`, counting it as in flight until it settles. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await fn();
    } finally {
      this.count--;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Resolves when nothing is in flight. */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
