/**
 * The test browser itself: the Chromium shipped in the npm package starts on this machine
 * whatever else is installed (it is what a fresh machine uses), the choice follows
 * `JR_TEST_BROWSER`, and a browser that cannot start says in one line what is missing.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { browserExecutable, browserSource, launchBrowser, SYSTEM_CHROMIUM } from "./browser.ts";

const dir = mkdtempSync(join(tmpdir(), "jr-browser-launch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("test browser", () => {
  it("the packaged Chromium starts and renders a page at a phone's size", async () => {
    const executable = await browserExecutable("packaged");
    expect(executable.path).toContain(join("node_modules", ".cache"));
    const context = await launchBrowser({ executable, viewport: { width: 360, height: 640 } });
    try {
      const page = await context.newPage();
      await page.setContent(
        '<h1>Jalur Resmi</h1><p id="w"></p><script>document.getElementById("w").textContent = "siap"</script>',
      );
      expect(await page.textContent("h1")).toBe("Jalur Resmi");
      expect(await page.textContent("#w")).toBe("siap");
      expect(page.viewportSize()).toEqual({ width: 360, height: 640 });
    } finally {
      await context.close();
    }
  }, 120_000);

  it("chooses by JR_TEST_BROWSER, else Debian's Chromium when installed", () => {
    expect(browserSource({ JR_TEST_BROWSER: "packaged" })).toBe("packaged");
    expect(browserSource({ JR_TEST_BROWSER: "system" })).toBe("system");
    expect(browserSource({})).toBe(existsSync(SYSTEM_CHROMIUM) ? "system" : "packaged");
    expect(() => browserSource({ JR_TEST_BROWSER: "firefox" })).toThrow(
      'JR_TEST_BROWSER: expected system, packaged or auto, got "firefox"',
    );
  });

  it("a browser missing a system library fails in one line naming the library", async () => {
    // What the dynamic loader prints when a library is missing, from a stand-in executable.
    const fake = join(dir, "chromium");
    writeFileSync(
      fake,
      `#!/bin/sh\necho "${fake}: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory" >&2\nexit 127\n`,
    );
    chmodSync(fake, 0o755);
    const failure = await launchBrowser({
      executable: { source: "packaged", path: fake, env: {} },
    }).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toBe(
      `packaged Chromium (${fake}) cannot start: missing system library libnss3.so (install its package)`,
    );
  }, 60_000);
});
