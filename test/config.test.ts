import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config.ts";

describe("configuration", () => {
  it("has defaults for everything", () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      DATABASE_PATH: "data/jalur-resmi.db",
      DEFAULT_LANGUAGE: "id",
      TELEGRAM_API_ROOT: "https://api.telegram.org",
      WHATSAPP_ENABLED: false,
      LOG_LEVEL: "info",
      STAFF_TELEGRAM_IDS: [],
    });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it("treats empty values as unset and parses lists and booleans", () => {
    const config = readConfig({
      TELEGRAM_BOT_TOKEN: "",
      STAFF_TELEGRAM_IDS: "12, 34",
      WHATSAPP_ENABLED: "TRUE",
      DEFAULT_LANGUAGE: "mad",
    });
    expect(config).toMatchObject({
      STAFF_TELEGRAM_IDS: ["12", "34"],
      WHATSAPP_ENABLED: true,
      DEFAULT_LANGUAGE: "mad",
    });
  });

  it.each([
    ["DEFAULT_LANGUAGE", "en", /^DEFAULT_LANGUAGE: expected id or mad$/],
    ["WHATSAPP_ENABLED", "yes please", /^WHATSAPP_ENABLED: expected true or false$/],
    ["TELEGRAM_BOT_TOKEN", "abc", /^TELEGRAM_BOT_TOKEN: expected a bot token/],
    ["STAFF_TELEGRAM_IDS", "12,abc", /^STAFF_TELEGRAM_IDS: expected a comma-separated list/],
    ["SESSION_IDLE_MINUTES", "-5", /^SESSION_IDLE_MINUTES: expected a whole number of minutes$/],
    ["TELEGRAM_API_ROOT", "not a url", /^TELEGRAM_API_ROOT: expected a URL/],
    ["PUBLIC_URL", "bot.example.org", /^PUBLIC_URL: expected the address people reach/],
    ["PUBLIC_URL", "https://example.org/bot", /^PUBLIC_URL: expected the server's root address/],
    ["CONSOLE_SESSION_HOURS", "0", /^CONSOLE_SESSION_HOURS: expected a whole number of hours$/],
    ["WEB_CHAT_ENABLED", "maybe", /^WEB_CHAT_ENABLED: expected true or false$/],
    ["WEB_CHAT_MAX_PER_MINUTE", "many", /^WEB_CHAT_MAX_PER_MINUTE: expected a whole number/],
  ])("stops on a bad %s with one line naming it", (name, value, message) => {
    expect(() => readConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => readConfig({ [name]: value })).toThrow(message);
  });
});

describe("HTTP settings", () => {
  it("listens on this machine only until a messaging app is on, unless told otherwise", () => {
    expect(readConfig({}).HTTP_HOST).toBe("127.0.0.1");
    expect(readConfig({ WHATSAPP_ENABLED: "true" }).HTTP_HOST).toBe("0.0.0.0");
    expect(readConfig({ TELEGRAM_BOT_TOKEN: "1:a" }).HTTP_HOST).toBe("0.0.0.0");
    expect(readConfig({ HTTP_HOST: "0.0.0.0" }).HTTP_HOST).toBe("0.0.0.0");
    expect(readConfig({ PUBLIC_URL: "https://bot.example.org/" }).PUBLIC_URL).toBe(
      "https://bot.example.org",
    );
  });
});

describe(".env.example", () => {
  it("documents every variable the configuration reads", async () => {
    const { readFileSync } = await import("node:fs");
    const { ConfigSchema } = await import("../src/config.ts");
    const example = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
    const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const missing = Object.keys(ConfigSchema.shape).filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });
});
