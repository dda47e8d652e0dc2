/**
 * The bot's own daily backup: once a (Pamekasan) day, from `BACKUP_HOUR` on, an online copy of
 * the database goes to `BACKUP_DIR` (checked, owner-readable), and only the newest `BACKUP_KEEP`
 * copies stay. A failure is logged and told to the staff chats, and tried again an hour later.
 */
import { join } from "node:path";
import type { Logger } from "../log.ts";
import { wibDate, wibHour } from "../staff/render.ts";
import { backupDatabase, backupFileName, pruneBackups } from "../store/backup.ts";
import type { Store } from "../store/store.ts";

/** Where and when backups are made. */
export interface BackupPolicy {
  /** Folder of the copies. */
  dir: string;
  /** The WIB hour (0–23) from which the day's copy is made. */
  hour: number;
  /** How many copies to keep (the newest). */
  keep: number;
}

/** The settings key holding the WIB date of the last good copy. */
const LAST_RUN = "backup_run";
const RETRY_MS = 3_600_000;

/** What {@link ScheduledBackup} needs. */
export interface ScheduledBackupOptions {
  store: Store;
  policy: BackupPolicy;
  clock: () => number;
  log: Logger;
  /** Tells the staff chats (a staff text key and its values): queues it for delivery. */
  tellStaff: (key: string, vars: Record<string, string | number>) => Promise<void>;
}

export class ScheduledBackup {
  private running: Promise<void> | undefined;
  private retryAt = 0;
  /** The WIB date of the first failure not yet followed by a good copy. */
  private failedOn: string | undefined;

  constructor(private readonly options: ScheduledBackupOptions) {}

  /** Makes today's copy if it is due; called every minute. Never throws. */
  async tick(): Promise<void> {
    if (this.running) return;
    const now = this.options.clock();
    const today = wibDate(now);
    const { store, policy } = this.options;
    if (wibHour(now) < policy.hour || now < this.retryAt) return;
    if (store.settings.get(LAST_RUN) === today) return;
    this.running = this.run(now, today);
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /** Waits for a copy in progress (before the database closes). */
  async stop(): Promise<void> {
    this.retryAt = Number.POSITIVE_INFINITY;
    await this.running;
  }

  private async run(now: number, today: string): Promise<void> {
    const { store, policy, log } = this.options;
    const file = join(policy.dir, backupFileName(now));
    try {
      const pages = await backupDatabase(store.db, file);
      store.settings.set(LAST_RUN, today);
      const pruned = pruneBackups(policy.dir, policy.keep, now);
      log.info({ file, pages, pruned: pruned.length }, "backup_done");
      this.retryAt = 0;
      if (this.failedOn) {
        this.failedOn = undefined;
        await this.tell("staff.backup_recovered", { file });
      }
    } catch (error) {
      this.retryAt = now + RETRY_MS;
      log.error({ err: error, dir: policy.dir }, "backup_failed");
      // Staff hear once per day of trouble, not at every hourly retry.
      if (this.failedOn !== today) {
        this.failedOn = today;
        await this.tell("staff.backup_failed", {
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  private async tell(key: string, vars: Record<string, string | number>): Promise<void> {
    try {
      await this.options.tellStaff(key, vars);
    } catch (error) {
      this.options.log.error({ err: error, key }, "staff_notice_failed");
    }
  }
}
