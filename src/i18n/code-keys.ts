import { TELEGRAM_KEYS } from "../channels/telegram/commands.ts";
import { WEB_CHAT_KEYS } from "../channels/web/keys.ts";
import { CONSOLE_KEYS } from "../console/keys.ts";
import { systemKeys } from "../engine/system-keys.ts";
import { SOURCES_KEYS, SOURCES_NAMESPACE } from "../outreach/console-keys.ts";
import { OUTREACH_KEYS } from "../outreach/keys.ts";
import { STAFF_KEYS } from "../staff/keys.ts";

/**
 * Message keys used by code rather than by flows. Each module that sends its own texts lists
 * them here, so the flow checker can require them in every locale and knows they are used.
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

/** Namespaces written only in Indonesian: staff-facing texts (staff work in Indonesian). */
export const ID_ONLY_NAMESPACES: readonly string[] = ["staff", "console", SOURCES_NAMESPACE];
