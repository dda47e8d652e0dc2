import { describe, expect, it } from "vitest";
import { ConfigError, ConfigSchema, readConfig } from "../src/config.ts";

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

describe("README", () => {
  const read = async (path: string) => {
    const { readFileSync } = await import("node:fs");
    return readFileSync(new URL(path, import.meta.url), "utf8");
  };
  /** The rows of the first table under a README heading: its cells, backticks kept. */
  const table = (readme: string, heading: string) => {
    const start = readme.indexOf(`\n## ${heading}\n`);
    expect(start, `README has a "## ${heading}" section`).toBeGreaterThan(-1);
    const end = readme.indexOf("\n## ", start + 1);
    const section = readme.slice(start, end < 0 ? undefined : end);
    return [...section.matchAll(/^\| `([^`]+)` \|(.*)$/gm)].map((m) => ({
      name: m[1] as string,
      cells: (m[2] as string).split(" | ").map((c) => c.replace(/\|\s*$/, "").trim()),
    }));
  };

  it("has one variable table that agrees with the configuration and .env.example", async () => {
    const readme = await read("../README.md");
    const example = await read("../.env.example");
    const rows = table(readme, "Configuration");
    const inReadme = rows.map((r) => r.name);
    const schema = Object.keys(ConfigSchema.shape);
    const examples = new Map(
      [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]?.trim()]),
    );
    expect(
      inReadme.filter((n) => !schema.includes(n)),
      "in README, not read",
    ).toEqual([]);
    expect(
      schema.filter((n) => !inReadme.includes(n)),
      "read, not in README",
    ).toEqual([]);
    expect(new Set(inReadme).size, "each variable once").toBe(inReadme.length);
    expect([...examples.keys()].filter((n) => !schema.includes(n as string))).toEqual([]);
    // Where .env.example gives a value, it is the default, and the README shows the same.
    const defaults = readConfig({}) as Record<string, unknown>;
    for (const row of rows) {
      const value = examples.get(row.name);
      if (!value) continue;
      expect(String(defaults[row.name]), `${row.name} default`).toBe(value);
      expect(row.cells[0], `${row.name} default in README`).toBe(`\`${value}\``);
    }
  });

  it("lists every fixed flow id in its flow id table", async () => {
    const readme = await read("../README.md");
    const { REQUIRED_FLOWS } = await import("../src/flows/contract.ts");
    const listed = table(readme, "Flow ids").map((r) => r.name);
    expect(REQUIRED_FLOWS.filter((id) => !listed.includes(id))).toEqual([]);
  });
});
