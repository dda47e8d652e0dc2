import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const src = join(import.meta.dirname, "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^"']*?from\s+["']([^"']+)["']/g)].map(
    (m) => m[1] as string,
  );
}

describe("architecture", () => {
  it("keeps the engine pure: no channel, store, runtime or I/O imports", () => {
    const forbidden =
      /(^|\/)(channels|store|runtime)\/|^(node:)?(fs|net|http|https|child_process)(\/|$)|^(better-sqlite3|grammy|@grammyjs\/|@whiskeysockets\/|pino|hono)/;
    const offenders = files(join(src, "engine")).flatMap((f) =>
      imports(f)
        .filter((i) => forbidden.test(i))
        .map((i) => `${relative(src, f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps SQL in the store: channels never import the store or a database driver", () => {
    const offenders = files(join(src, "channels")).flatMap((f) =>
      imports(f)
        .filter((i) => /(^|\/)store\/|^better-sqlite3$/.test(i))
        .map((i) => `${relative(src, f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps SQL in the store: no other module prepares or runs statements", () => {
    const offenders = files(src)
      .filter((f) => !relative(src, f).startsWith("store/"))
      .filter((f) => /\.(prepare|exec|pragma)\(\s*[`"']/.test(readFileSync(f, "utf8")))
      .map((f) => relative(src, f));
    expect(offenders).toEqual([]);
  });

  it("keeps i18n at the bottom: it imports only libraries, node and the engine's types", () => {
    const offenders = files(join(src, "i18n")).flatMap((f) =>
      imports(f)
        .filter((i) => i.startsWith("."))
        .map((i) => relative(src, resolve(dirname(f), i)))
        .filter((target) => !/^(i18n|engine)\//.test(target))
        .map((target) => `${relative(src, f)} imports src/${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it("would catch a forbidden import (the check itself works)", () => {
    expect(imports(join(src, "runtime", "runtime.ts"))).toContain("../engine/engine.ts");
  });
});

/** The room of src/ a file belongs to: its top folder, or the file's name for a top-level file. */
function room(file: string): string {
  return (relative(src, file).split("/")[0] ?? "").replace(/\.ts$/, "");
}

/** The room each relative import of `file` lands in, other than the file's own. */
function roomsImported(file: string): string[] {
  return imports(file)
    .filter((i) => i.startsWith("."))
    .map((i) => room(resolve(dirname(file), i)))
    .filter((r) => r !== room(file));
}

/**
 * Which rooms each room may import: imports point down, from entry points to the core. The
 * engine is the bottom; i18n and the store sit just above it and import nothing but the engine.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  engine: [],
  log: [],
  i18n: ["engine"],
  store: ["engine"],
  media: ["engine"],
  schedule: ["engine"],
  http: ["log"],
  config: ["schedule"],
  reference: ["engine", "flows"],
  flows: ["content", "engine", "i18n", "reference"],
  content: ["code-keys", "engine", "flows", "i18n", "reference", "understanding"],
  "code-keys": ["channels", "console", "engine", "outreach", "staff"],
  understanding: ["engine", "flows", "reference"],
  review: ["content", "engine", "http", "i18n"],
  runtime: ["channels", "engine", "log", "staff", "store"],
  staff: ["channels", "config", "engine", "log", "outreach", "reference", "runtime", "store"],
  // Outreach sources: entry codes around the runtime's step, links, posters, statistics.
  outreach: ["channels", "config", "engine", "http", "runtime", "store"],
  channels: ["config", "engine", "http", "log", "media"],
  console: [
    "app",
    "config",
    "engine",
    "http",
    "log",
    "media",
    "outreach",
    "review",
    "runtime",
    "staff",
    "store",
  ],
  app: [
    "channels",
    "config",
    "console",
    "content",
    "engine",
    "flows",
    "i18n",
    "log",
    "outreach",
    "runtime",
    "schedule",
    "staff",
    "store",
    "understanding",
  ],
};

describe("import directions", () => {
  it("every room imports only the rooms below it", () => {
    const offenders = files(src)
      .filter((f) => room(f) !== "cli")
      .flatMap((f) => {
        const allowed = MAY_IMPORT[room(f)];
        if (!allowed) return [`${relative(src, f)}: room ${room(f)} is not in the table`];
        return roomsImported(f)
          .filter((r) => !allowed.includes(r))
          .map((r) => `${relative(src, f)} imports ${r}`);
      });
    expect(offenders).toEqual([]);
  });

  it("would catch an import pointing up (the check itself works)", () => {
    expect(roomsImported(join(src, "runtime", "runtime.ts"))).toContain("engine");
    expect(MAY_IMPORT.store).not.toContain("runtime");
  });

  it("npm run intents loads under half of src/ (static imports from its entry point)", () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of imports(file).filter((s) => s.startsWith(".")))
        visit(resolve(dirname(file), i));
    };
    visit(join(src, "cli", "intents.ts"));
    expect(seen.size).toBeLessThan(files(src).length / 2);
  });
});
