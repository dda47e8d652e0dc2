import { dirname, join } from "node:path";

/** Where channels store media files: `media/` next to the database (both hold personal data). */
export function mediaDir(config: { DATABASE_PATH: string }): string {
  return join(dirname(config.DATABASE_PATH), "media");
}
