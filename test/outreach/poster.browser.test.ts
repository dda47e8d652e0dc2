/**
 * A source's poster and cards in a real browser (see `test/helpers/browser.ts`), in Indonesian,
 * Madurese and both side by side: every QR code, as the browser draws it, is photographed and
 * decoded (jsQR) and must say exactly that language's entry link for its channel. Screenshots
 * and PDFs go to `test/artifacts/`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import jsQRModule from "jsqr";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lang } from "../../src/engine/types.ts";
import { ENTRY_CHANNELS } from "../../src/outreach/links.ts";
import type { Source } from "../../src/store/sources.ts";
import { browserSource, launchBrowser } from "../helpers/browser.ts";
import { decodePng } from "../helpers/png.ts";
import { type WebBot, webBot } from "../helpers/web.ts";

/** jsQR is a CommonJS bundle: its function is the module itself (and, for TypeScript, `default`). */
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule.default }).default ??
  jsQRModule) as unknown as typeof jsQRModule.default;

const ARTIFACTS = join(import.meta.dirname, "..", "artifacts");
const ENV = {
  PUBLIC_URL: "https://bot.example.org",
  TELEGRAM_BOT_USERNAME: "jalur_resmi_bot",
  WHATSAPP_NUMBER: "6281234567890",
};

let bot: WebBot;
let context: BrowserContext;
let page: Page;
let source: Source;

beforeAll(async () => {
  bot = await webBot(ENV);
  source = bot.app.store.sources.create(
    {
      code: "P7ST",
      name: "Poster Kanim Pamekasan",
      kind: "poster",
      place: "Tlanakan",
      heldOn: null,
      lang: "mad",
      createdBy: "test",
    },
    0,
  );
  context = await launchBrowser({ viewport: { width: 1000, height: 1400 } });
  page = await context.newPage();
  // Sign in as staff with a one-time link (it names PUBLIC_URL, which is this server).
  await page.goto((await bot.masuk()).replace(ENV.PUBLIC_URL, bot.url));
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL(/\/console$/);
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await bot?.close();
});

/** Every QR code on the page: what its data says, and what a camera reads from the pixels. */
async function readCodes(): Promise<{ data: string; read: string | undefined; lang: string }[]> {
  const codes = page.locator("svg.qr");
  const found: { data: string; read: string | undefined; lang: string }[] = [];
  for (let i = 0; i < (await codes.count()); i++) {
    const code = codes.nth(i);
    const shot = decodePng(await code.screenshot());
    const read = jsQR(shot.data, shot.width, shot.height)?.data;
    const data = (await code.getAttribute("data-qr")) ?? "";
    const lang = await code.evaluate((svg) => svg.closest("[lang]")?.getAttribute("lang") ?? "");
    found.push({ data, read, lang });
  }
  return found;
}

/** The links each language's side must carry, channel by channel. */
const expected = (lang: Lang) => {
  const links = bot.app.outreach.links(source, lang);
  return ENTRY_CHANNELS.map((c) => links[c] as string);
};

describe(`posters in a real browser (${browserSource()} Chromium)`, () => {
  for (const [query, langs] of [
    ["id", ["id"]],
    ["mad", ["mad"]],
    ["both", ["id", "mad"]],
  ] as const) {
    it(`the A4 poster in ${query}: each QR code decodes to its link`, async () => {
      await page.goto(
        `${bot.url}/console/sumber/${source.code}/cetak?bahasa=${query}&ukuran=a4&kantor=Kantor%20Imigrasi%20Pamekasan`,
      );
      const codes = await readCodes();
      expect(codes.map((c) => c.read)).toEqual(langs.flatMap(expected));
      expect(codes.map((c) => c.data)).toEqual(langs.flatMap(expected));
      expect(codes.map((c) => c.lang)).toEqual(langs.flatMap((l) => [l, l, l]));
      // Madurese side: its own links carry the bare code, the Indonesian side asks for id.
      if (query !== "id")
        expect(codes.map((c) => c.read)).toContain("https://t.me/jalur_resmi_bot?start=P7ST");
      if (query !== "mad")
        expect(codes.map((c) => c.read)).toContain("https://t.me/jalur_resmi_bot?start=P7ST-id");
      // The facts the page must show.
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).toContain("+62 812 9007 0027");
      expect(text).toContain("Kantor Imigrasi Pamekasan");
      await page.screenshot({ path: join(ARTIFACTS, `poster-${query}.png`), fullPage: true });
      if (query === "both") {
        const pdf = await page.pdf({
          format: "A4",
          printBackground: true,
          preferCSSPageSize: true,
        });
        writeFileSync(join(ARTIFACTS, "poster-both.pdf"), pdf);
        expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
        // One sheet of paper.
        expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
      }
    }, 60_000);
  }

  it("the A6 cards, four to a sheet, two in each language: every QR code decodes", async () => {
    await page.goto(`${bot.url}/console/sumber/${source.code}/cetak?bahasa=both&ukuran=a6`);
    const codes = await readCodes();
    expect(codes).toHaveLength(12);
    for (const c of codes) expect(c.read).toBe(c.data);
    expect(codes.map((c) => c.read)).toEqual(
      (["id", "mad", "id", "mad"] as const).flatMap(expected),
    );
    await page.screenshot({ path: join(ARTIFACTS, "cards-both.png"), fullPage: true });
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(ARTIFACTS, "cards-both.pdf"), pdf);
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  }, 60_000);
});
