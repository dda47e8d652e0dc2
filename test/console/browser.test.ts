/**
 * The web chat and the staff console in a real browser (Debian's Chromium, or the one from npm:
 * see `test/helpers/browser.ts`). A visitor opens a case in the web chat; a staff
 * member signs in with a one-time link, answers, and closes it; the visitor sees both.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseDraft } from "../../src/engine/types.ts";
import { browserSource, launchBrowser } from "../helpers/browser.ts";
import { png } from "../helpers/png.ts";
import { type WebBot, webBot } from "../helpers/web.ts";

const ARTIFACTS = join(import.meta.dirname, "..", "artifacts");

/** Chromium on a fresh profile, at a desktop size. */
const launch = (javaScriptEnabled = true): Promise<BrowserContext> =>
  launchBrowser({ javaScriptEnabled, viewport: { width: 1100, height: 800 } });

let bot: WebBot;
let context: BrowserContext;

beforeAll(async () => {
  bot = await webBot();
  context = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await bot?.close();
});

/** Sends a message in the web chat the way a person does: type, press Enter. */
async function type(page: Page, text: string): Promise<void> {
  await page.getByLabel("Pesan Anda").fill(text);
  await page.getByLabel("Pesan Anda").press("Enter");
}

/** Cases over the last weeks, so the statistics page has something to draw. */
function seedStatistics(b: WebBot): void {
  const { store } = b.app;
  const categories = ["unpaid", "lost_contact", "violence", "detained", "recruiter", "other"];
  const countries = ["malaysia", "saudi_arabia", "taiwan", "hong_kong", undefined];
  const now = Date.now();
  const user = store.users.touch("web", "seed", now);
  for (let i = 0; i < 40; i++) {
    const weeksAgo = i % 9;
    const at = now - weeksAgo * 7 * 86_400_000 - (i % 5) * 3_600_000;
    const country = countries[i % countries.length];
    const draft: CaseDraft = {
      ref: `JR-S${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}Q`,
      kind: "report",
      category: categories[(i * 7) % categories.length] as string,
      priority: i % 6 === 0 ? "urgent" : "normal",
      answers: country ? { country } : {},
      personal: [],
      flow: "report",
    };
    const id = store.cases.open(
      draft,
      { userId: user.id, channel: "web", address: user.address, lang: "id" },
      at,
    );
    if (i % 3 !== 2)
      store.cases.change(id, { firstResponseAt: at + ((i % 7) + 1) * 1_800_000 }, at);
  }
}

describe(`in a real browser (${browserSource()} Chromium)`, () => {
  it("a web chat case is answered and closed from the staff console", async () => {
    // The visitor uses another host name, so the two people do not share cookies.
    const visitor = await context.newPage();
    const chatUrl = bot.url.replace("127.0.0.1", "localhost");
    await visitor.goto(`${chatUrl}/chat`);
    await type(visitor, "halo");
    // Options are buttons with their numbers; tapping one answers.
    const contacts = visitor.getByRole("button", { name: /^\d+\. Nomor penting/ });
    await contacts.click();
    await expect
      .poll(() => visitor.locator("#log").textContent(), { timeout: 10_000 })
      .toContain("Nomor penting dan alamat kantor");
    await type(visitor, "petugas");
    await visitor.getByText("Silakan tulis pertanyaan").waitFor();
    await type(visitor, "Anak saya tidak bisa dihubungi di Malaysia sejak Juli");
    await visitor.getByText(/nomor JR-/).waitFor();
    const ref = /JR-[2-9A-Z]{4,6}/.exec(
      (await visitor.locator("#log").textContent()) ?? "",
    )?.[0] as string;
    expect(ref).toBeTruthy();
    // A photo for the case, with a caption (the form posts it; the page reloads).
    await visitor.setInputFiles("#file", {
      name: "kontrak.png",
      mimeType: "image/png",
      buffer: png(320, 200),
    });
    await visitor.getByLabel("Pesan Anda").fill("Foto kontrak kerjanya");
    await visitor.getByRole("button", { name: "Kirim" }).click();
    await visitor.getByText("🖼️ Foto kontrak kerjanya").waitFor();
    await visitor.screenshot({ path: join(ARTIFACTS, "webchat.png"), fullPage: true });

    // Staff: the one-time link from /masuk, then the case.
    const staff = await context.newPage();
    await staff.goto(await bot.masuk());
    await staff.getByRole("button", { name: "Masuk" }).click();
    await staff.waitForURL(/\/console$/);
    await staff.getByRole("link", { name: ref }).click();
    await staff.getByRole("heading", { name: `Kasus ${ref}` }).waitFor();
    await expect
      .poll(() => staff.locator("ol.chat").textContent())
      .toContain("Anak saya tidak bisa dihubungi di Malaysia sejak Juli");
    // The photo is shown inline, really loaded (served only to signed-in staff).
    const photo = staff.getByRole("img", { name: /foto 1: Foto kontrak kerjanya/ });
    await photo.waitFor();
    await expect
      .poll(() =>
        photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(320);
    await staff
      .getByLabel(/Pesan untuk pelapor/)
      .fill("Baik Bu, kami hubungi KBRI Kuala Lumpur hari ini.");
    await staff.getByRole("button", { name: "Kirim ke pelapor" }).click();
    await staff.getByText(`Terkirim ke pelapor ${ref}`).waitFor();

    // The reply reaches the open chat page by itself.
    await visitor
      .getByText("Baik Bu, kami hubungi KBRI Kuala Lumpur hari ini.")
      .waitFor({ timeout: 10_000 });

    // Status change: shown to staff, told to the visitor.
    await staff.getByLabel("Status baru").selectOption("resolved");
    await staff.getByRole("button", { name: "Ubah status" }).click();
    await staff
      .getByText(/status selesai/)
      .first()
      .waitFor();
    expect(bot.app.store.cases.byRef(ref)?.status).toBe("resolved");
    await expect
      .poll(() => visitor.locator("#log").textContent(), { timeout: 10_000 })
      .toMatch(/selesai/i);
    await staff.screenshot({ path: join(ARTIFACTS, "case.png"), fullPage: true });

    // Statistics, drawn as SVG charts.
    for (let i = 0; i < 6; i++) {
      const address = `s${randomUUID()}`;
      for (const text of ["lapor", "1", "2"].slice(0, 1 + (i % 3)))
        await bot.app.receive({
          channel: "telegram",
          address,
          messageId: randomUUID(),
          input: { type: "text", text },
        });
    }
    seedStatistics(bot);
    await staff.getByRole("link", { name: "Statistik" }).click();
    await staff.getByRole("heading", { name: "Statistik" }).waitFor();
    expect(await staff.locator("svg.chart").count()).toBeGreaterThanOrEqual(5);
    expect(await staff.locator("svg.chart rect").count()).toBeGreaterThan(20);
    await staff.screenshot({ path: join(ARTIFACTS, "statistics.png"), fullPage: true });
  }, 90_000);

  it("the web chat works with JavaScript off: form posts, numbered option buttons", async () => {
    const plain = await launch(false);
    try {
      const page = await plain.newPage();
      await page.goto(`${bot.url}/chat`);
      await page.getByLabel("Pesan Anda").fill("halo");
      await page.getByRole("button", { name: "Kirim" }).click();
      await page.getByText("Silakan pilih menu").waitFor();
      await page.getByRole("button", { name: /^\d+\. Paspor$/ }).click();
      await page.waitForLoadState();
      const log = (await page.locator("#log").textContent()) ?? "";
      expect(log).toContain("Paspor");
      expect(await page.locator("#options button").count()).toBeGreaterThan(1);
      await page.screenshot({ path: join(ARTIFACTS, "webchat-nojs.png"), fullPage: true });
    } finally {
      await plain.close();
    }
  }, 60_000);
});
