/**
 * The one way tests start a real browser (playwright-core, never a downloaded browser build).
 * Debian's Chromium when the machine has it; otherwise the Chromium shipped inside the npm
 * package `@sparticuz/chromium`, unpacked once into `node_modules/.cache` with the libraries and
 * fonts it ships, so `npm install && npm test` needs nothing but Node. `JR_TEST_BROWSER=system`
 * or `=packaged` forces one. A browser that cannot start fails the test with one line saying
 * what is missing: a browser test never skips.
 */
import { randomUUID } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { brotliDecompressSync, createBrotliDecompress } from "node:zlib";
import { type BrowserContext, chromium } from "playwright-core";
import { untar } from "./tar.ts";

/** Where Debian's Chromium lives; preferred when present. */
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** Which Chromium a test runs: Debian's or the one from the npm package. */
export type BrowserSource = "system" | "packaged";

/** A Chromium executable and the environment it needs. */
export interface BrowserExecutable {
  source: BrowserSource;
  path: string;
  env: Record<string, string>;
}

/** Options for {@link launchBrowser}: Playwright's context options (viewport, JavaScript …). */
export type LaunchOptions = Omit<
  NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>,
  "executablePath" | "env" | "headless"
> & {
  /** Runs this file instead of the chosen Chromium (tests of the helper itself). */
  executable?: BrowserExecutable;
};

/** The Chromium to use: `JR_TEST_BROWSER` if set, else Debian's when installed, else packaged. */
export function browserSource(env: NodeJS.ProcessEnv = process.env): BrowserSource {
  const wanted = env.JR_TEST_BROWSER ?? "";
  if (wanted === "system" || wanted === "packaged") return wanted;
  if (wanted !== "" && wanted !== "auto")
    throw new Error(`JR_TEST_BROWSER: expected system, packaged or auto, got "${wanted}"`);
  return existsSync(SYSTEM_CHROMIUM) ? "system" : "packaged";
}

/** The chosen Chromium, unpacking the packaged one on first use. */
export async function browserExecutable(
  source: BrowserSource = browserSource(),
): Promise<BrowserExecutable> {
  if (source === "packaged") return packagedChromium();
  if (!existsSync(SYSTEM_CHROMIUM))
    throw new Error(`JR_TEST_BROWSER=system but ${SYSTEM_CHROMIUM} does not exist`);
  return { source, path: SYSTEM_CHROMIUM, env: {} };
}

/**
 * Starts headless Chromium on a fresh profile (a persistent context is how Playwright takes
 * one); the profile folder is removed by `context.close()`.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserContext> {
  const { executable: given, ...contextOptions } = options;
  const executable = given ?? (await browserExecutable());
  const profile = mkdtempSync(join(tmpdir(), "jr-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      ...contextOptions,
      executablePath: executable.path,
      env: { ...process.env, ...executable.env },
      headless: true,
    });
    // The profile goes once the browser has exited (it writes there until then).
    const close = context.close.bind(context);
    context.close = async (closeOptions) => {
      await close(closeOptions);
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    };
    return context;
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw launchFailure(executable, error);
  }
}

/**
 * One line saying why Chromium did not start: the missing shared library when the dynamic
 * loader names one, else the browser's first error line.
 */
export function launchFailure(executable: BrowserExecutable, error: unknown): Error {
  const text = error instanceof Error ? error.message : String(error);
  const who = `${executable.source} Chromium (${executable.path})`;
  const library = /error while loading shared libraries: ([^:\s]+)/.exec(text)?.[1];
  if (library)
    return new Error(
      `${who} cannot start: missing system library ${library} (install its package)`,
    );
  const browserSaid = /\[err\]\s*(\S.*)/.exec(text)?.[1];
  const first = browserSaid ?? text.split("\n").find((line) => line.trim()) ?? "unknown error";
  return new Error(`${who} cannot start: ${first.trim()}`);
}

/** The packaged Chromium, unpacked once per package version next to the installed package. */
async function packagedChromium(): Promise<BrowserExecutable> {
  const require = createRequire(import.meta.url);
  // The package's entry point is <root>/build/cjs/index.cjs.
  const root = join(dirname(require.resolve("@sparticuz/chromium")), "..", "..");
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    version: string;
  };
  const dir = join(root, "..", "..", ".cache", "jalur-resmi", `chromium-${version}`);
  if (!existsSync(join(dir, "chromium"))) await unpack(join(root, "bin"), dir);
  return {
    source: "packaged",
    path: join(dir, "chromium"),
    // The package's own NSS and expat (built for the same binary), so the machine needs only
    // the C library; fonts from the package and the system.
    env: { LD_LIBRARY_PATH: join(dir, "lib"), FONTCONFIG_PATH: join(dir, "fontconfig") },
  };
}

/**
 * Unpacks into a private folder and renames it into place, so test files starting browsers at
 * the same time never run a half-written binary.
 */
async function unpack(bin: string, dir: string): Promise<void> {
  const temporary = `${dir}.${process.pid}.${randomUUID()}`;
  mkdirSync(temporary, { recursive: true });
  try {
    await pipeline(
      createReadStream(join(bin, "chromium.br")),
      createBrotliDecompress(),
      createWriteStream(join(temporary, "chromium"), { mode: 0o755 }),
    );
    const archive = (name: string) => brotliDecompressSync(readFileSync(join(bin, name)));
    untar(archive("al2023.tar.br"), temporary); // lib/: NSS, NSPR, expat
    untar(archive("swiftshader.tar.br"), temporary); // software GL, found next to the binary
    untar(archive("fonts.tar.br"), join(temporary, "fonts"));
    mkdirSync(join(temporary, "fontconfig"));
    writeFileSync(
      join(temporary, "fontconfig", "fonts.conf"),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        "<fontconfig>",
        `  <dir>${join(dir, "fonts", "fonts")}</dir>`,
        "  <dir>/usr/share/fonts</dir>",
        `  <cachedir>${join(dir, "fontconfig", "cache")}</cachedir>`,
        "</fontconfig>",
        "",
      ].join("\n"),
    );
    renameSync(temporary, dir);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    // Another test file unpacked the same version first: use that one.
    if (existsSync(join(dir, "chromium"))) return;
    throw error;
  }
}
