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
