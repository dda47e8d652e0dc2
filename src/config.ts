import { existsSync } from "node:fs";
import * as z from "zod";
import { parseStaffHours } from "./schedule/staff-hours.ts";

const bool = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(["true", "false", "1", "0", "yes", "no", ""], { message: "expected true or false" }))
  .transform((v) => v === "true" || v === "1" || v === "yes");

const list = (pattern: RegExp, what: string) => {
  const message = `expected a comma-separated list of ${what}`;
  return z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(pattern, { message }), { message }));
};

const positiveInt = (what: string) =>
  z.coerce
    .number({ message: `expected ${what}` })
    .int({ message: `expected ${what}` })
    .positive({ message: `expected ${what}` });

/**
 * Every environment variable the bot reads (see `.env.example`), with its default. Unset and
 * empty mean the same.
 */
export const ConfigSchema = z.object({
  DATABASE_PATH: z.string().min(1).default("data/jalur-resmi.db"),
  DEFAULT_LANGUAGE: z.enum(["id", "mad"], { message: "expected id or mad" }).default("id"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "expected one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  SESSION_IDLE_MINUTES: positiveInt("a whole number of minutes").default(60),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, {
      message: "expected a bot token like 123456:ABC-def (from @BotFather)",
    })
    .optional(),
  TELEGRAM_API_ROOT: z
    .url({ message: "expected a URL such as https://api.telegram.org" })
    .default("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_URL: z
    .url({ protocol: /^https$/, message: "expected the public https URL Telegram should post to" })
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, {
      message: "expected 16 to 256 characters of A-Z, a-z, 0-9, _ or -",
    })
    .optional(),
  PORT: z.coerce
    .number({ message: "expected a port number (0 to 65535)" })
    .int({ message: "expected a port number (0 to 65535)" })
    .min(0, { message: "expected a port number (0 to 65535)" })
    .max(65535, { message: "expected a port number (0 to 65535)" })
    .default(3000),
  // Default set below: every interface with a messaging channel on, only this machine without.
  HTTP_HOST: z.string().min(1).optional(),
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      message: "expected the address people reach the bot at, e.g. https://bot.example.org",
    })
    .transform((v) => v.replace(/\/+$/, ""))
    // The server's pages and cookies live at its root; a reverse proxy cannot move them.
    .refine((v) => new URL(v).pathname === "/" && !new URL(v).search, {
      message: "expected the server's root address, without a path, e.g. https://bot.example.org",
    })
    .optional(),
  TRUST_PROXY: bool.default(false),
  CONSOLE_SESSION_HOURS: positiveInt("a whole number of hours").default(12),
  WEB_CHAT_ENABLED: bool.default(true),
  WEB_CHAT_MAX_PER_MINUTE: positiveInt("a whole number of messages").default(20),
  WEB_CHAT_TAPS_PER_MINUTE: positiveInt("a whole number of taps").default(60),
  WEB_CHAT_IP_MAX_PER_MINUTE: positiveInt("a whole number of messages").default(120),
  WEB_CHAT_MEDIA_MAX_MB: positiveInt("a whole number of megabytes").default(10),
  WEB_CHAT_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,256}$/, {
      message: "expected 32 to 256 characters of A-Z, a-z, 0-9, _ or -",
    })
    .optional(),
  MEDIA_MAX_TOTAL_MB: positiveInt("a whole number of megabytes").default(2048),
  STAFF_TELEGRAM_CHAT_ID: z
    .string()
    .regex(/^-?\d+$/, { message: "expected a numeric chat id such as -1001234567890" })
    .optional(),
  STAFF_TELEGRAM_IDS: list(/^\d+$/, "numeric Telegram user ids").default([]),
  // The bot's @username, for entry links and posters (t.me/<username>?start=<code>).
  TELEGRAM_BOT_USERNAME: z
    .string()
    .transform((v) => v.trim().replace(/^@/, ""))
    .pipe(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, {
        message: "expected the bot's username from @BotFather, e.g. jalur_resmi_bot",
      }),
    )
    .optional(),
  WHATSAPP_ENABLED: bool.default(false),
  WHATSAPP_PAIRING_NUMBER: z
    .string()
    .regex(/^\d{8,15}$/, {
      message: "expected the phone number in international digits, e.g. 6281234567890",
    })
    .optional(),
  // The bot's own WhatsApp number, for entry links and posters (wa.me/<number>).
  WHATSAPP_NUMBER: z
    .string()
    .regex(/^\d{8,15}$/, {
      message: "expected the phone number in international digits, e.g. 6281234567890",
    })
    .optional(),
  STAFF_WHATSAPP_GROUP: z
    .string()
    .regex(/^[\d-]+@g\.us$/, { message: "expected a group JID ending in @g.us" })
    .optional(),
  RETENTION_DAYS: positiveInt("a whole number of days").default(365),
  // When staff read cases, as users are told: "Senin–Jumat 08.00–16.00 WIB".
  STAFF_HOURS: z
    .string()
    .superRefine((v, ctx) => {
      const parsed = parseStaffHours(v);
      if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
    })
    .optional(),
  FLOOD_MAX_MESSAGES: positiveInt("a whole number of messages").default(30),
  FLOOD_WINDOW_SECONDS: positiveInt("a whole number of seconds").default(60),
  URGENT_CASE_REMINDER_MINUTES: positiveInt("a whole number of minutes").default(15),
  CASE_REMINDER_MINUTES: positiveInt("a whole number of minutes").default(240),
  DAILY_SUMMARY_HOUR: z.coerce
    .number({ message: "expected an hour from 0 to 23" })
    .int({ message: "expected an hour from 0 to 23" })
    .min(0, { message: "expected an hour from 0 to 23" })
    .max(23, { message: "expected an hour from 0 to 23" })
    .default(8),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_HOUR: z.coerce
    .number({ message: "expected an hour from 0 to 23" })
    .int({ message: "expected an hour from 0 to 23" })
    .min(0, { message: "expected an hour from 0 to 23" })
    .max(23, { message: "expected an hour from 0 to 23" })
    .default(2),
  BACKUP_KEEP: positiveInt("a whole number of copies").default(14),
  WHATSAPP_MEDIA_MAX_MB: positiveInt("a whole number of megabytes").default(16),
  WHATSAPP_MAX_PER_MINUTE: positiveInt("a whole number of messages").default(30),
  STAFF_WHATSAPP_NUMBERS: list(/^\d{8,15}$/, "phone numbers in international digits").default([]),
});

/** Rules that tie variables together, and defaults that depend on other variables. */
const CheckedConfig = ConfigSchema.superRefine((config, ctx) => {
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["TELEGRAM_WEBHOOK_SECRET"],
      message: "required when TELEGRAM_WEBHOOK_URL is set (a random string Telegram sends back)",
    });
  }
}).transform((config) => ({
  ...config,
  // With no messaging app on, the web chat and console are for this machine only, until the
  // operator chooses otherwise.
  HTTP_HOST:
    config.HTTP_HOST ??
    (config.TELEGRAM_BOT_TOKEN || config.WHATSAPP_ENABLED ? "0.0.0.0" : "127.0.0.1"),
}));

/** The validated configuration. */
export type Config = z.output<typeof CheckedConfig>;

/** A configuration problem, worded for the operator. */
export class ConfigError extends Error {}

/**
 * Reads the configuration from `env`. Empty values count as unset. The first invalid variable
 * stops start-up with one line naming it and saying what is expected.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => key in ConfigSchema.shape && value !== undefined && value.trim() !== "",
    ),
  );
  const result = CheckedConfig.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? "configuration");
    throw new ConfigError(`${name}: ${issue?.message ?? "invalid value"}`);
  }
  return result.data;
}

/** Loads `.env` from the working directory into `process.env`, if the file exists. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
