import { TELEGRAM_KEYS } from "./channels/telegram/commands.ts";
import { WEB_CHAT_KEYS } from "./channels/web/keys.ts";
import { CONSOLE_KEYS } from "./console/keys.ts";
import { systemKeys } from "./engine/system-keys.ts";
import { SOURCES_KEYS } from "./outreach/console-keys.ts";
import { OUTREACH_KEYS } from "./outreach/keys.ts";
import { STAFF_KEYS } from "./staff/keys.ts";

/**
 * Message keys used by code rather than by flows. Each module that sends its own texts lists
 * them, and they are gathered here, above those modules, so the flow checker is handed them
 * (requiring them in every locale and knowing they are used) without `i18n/` or `flows/`
 * importing the modules that own them.
 */
export const CODE_KEYS: readonly string[] = [
  ...systemKeys(),
  ...STAFF_KEYS,
  ...TELEGRAM_KEYS,
  ...CONSOLE_KEYS,
  ...WEB_CHAT_KEYS,
  ...OUTREACH_KEYS,
  ...SOURCES_KEYS,
];
