/**
 * The web chat on a 360×640 phone screen, in a real browser: each answer opens at its first
 * line, `hapus` empties the page at once, and one language switch changes the page and the bot.
 * Screenshots go to test/artifacts/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../helpers/browser.ts";
import { type WebBot, webBot } from "../../helpers/web.ts";

const ARTIFACTS = join(import.meta.dirname, "..", "..", "artifacts");
const PHONE = { width: 360, height: 640 };

let bot: WebBot;
let context: BrowserContext;

beforeAll(async () => {
  bot = await webBot();
  context = await launchBrowser({ viewport: PHONE, hasTouch: true, isMobile: true });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await bot?.close();
});

/** Types a message and presses Enter, as a person does. */
async function type(page: Page, text: string): Promise<void> {
  await page.getByLabel(/Pesan Anda|Pessen panjhennengngan/).fill(text);
  await page.getByLabel(/Pesan Anda|Pessen panjhennengngan/).press("Enter");
}

/** Waits until the page shows more bot answers than `before`; returns the first new one. */
async function nextAnswer(page: Page, before: number): Promise<Locator> {
  const answers = page.locator("#log li.out");
  await expect.poll(() => answers.count(), { timeout: 15_000 }).toBeGreaterThan(before);
  // Let the page finish showing the answer (it scrolls once everything arrived).
  await page.waitForTimeout(300);
  return answers.nth(before);
}

/** True when the element's first line is inside the screen. */
async function firstLineVisible(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const height = page.viewportSize()?.height ?? PHONE.height;
  return box !== null && box.y >= 0 && box.y + 24 <= height;
}

describe("the web chat on a phone", () => {
  it("opens every answer at its first line, on a 360×640 screen", async () => {
    const page = await context.newPage();
    await page.goto(`${bot.url}/chat`);
    const turns = ["halo", "2", "0", "cara kerja resmi ke malaysia", "0", "biaya"];
    for (const [i, text] of turns.entries()) {
      const before = await page.locator("#log li.out").count();
      await type(page, text);
      const answer = await nextAnswer(page, before);
      expect(await firstLineVisible(page, answer), `turn ${i + 1}: "${text}"`).toBe(true);
    }
    // The input bar is compact: well under a third of the screen.
    const bar = await page.locator("#send").boundingBox();
    expect(bar?.height ?? PHONE.height).toBeLessThan(PHONE.height / 5);
    await page.screenshot({ path: join(ARTIFACTS, "phone-answer-first-line.png") });
    await page.close();
  }, 120_000);

  it("empties the page as soon as the conversation is erased", async () => {
    const page = await context.newPage();
    await page.goto(`${bot.url}/chat`);
    await type(page, "halo");
    await nextAnswer(page, 0);
    await type(page, "anak saya rahasia-xyz hilang kontak");
    await expect.poll(() => page.locator("#log").textContent()).toContain("rahasia-xyz");
    let before = await page.locator("#log li.out").count();
    await type(page, "hapus");
    await nextAnswer(page, before);
    before = await page.locator("#log li.out").count();
    await type(page, "ya");
    // Without a reload, what was erased leaves the screen.
    await expect
      .poll(() => page.locator("#log").textContent(), { timeout: 15_000 })
      .not.toContain("rahasia-xyz");
    await expect.poll(() => page.locator("#log li").count()).toBeLessThanOrEqual(2);
    await page.screenshot({ path: join(ARTIFACTS, "phone-after-hapus.png") });
    await page.close();
  }, 120_000);

  it("switches page labels and the bot with one control", async () => {
    const page = await context.newPage();
    await page.goto(`${bot.url}/chat`);
    await type(page, "halo");
    await nextAnswer(page, 0);
    await page.getByRole("button", { name: "Madhurâ" }).click();
    await page.waitForURL(/\/chat/);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("mad");
    await expect.poll(() => page.locator("#log").textContent()).toContain("Bhâsa Madhurâ");
    // The page's own labels are Madurese, and so is the bot's next answer.
    expect(await page.locator("#send button[type=submit]").textContent()).toBe("Kèrèm");
    const before = await page.locator("#log li.out").count();
    await type(page, "menu");
    const answer = await nextAnswer(page, before);
    expect(await answer.textContent()).toContain("Ka'dinto Jalur Resmi");
    await page.screenshot({ path: join(ARTIFACTS, "phone-madurese.png") });
    await page.close();
  }, 120_000);
});
