/**
 * The console for a day's work: staff read people's words and names, never the bot's internal
 * ids; the case list tells them, by itself, that something new waits.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { LIVE_JS_PATH, WAITING_PATH } from "../../src/console/live.ts";
import type { CaseDraft } from "../../src/engine/types.ts";
import { Browser, hidden, signIn, type WebBot, webBot, webCase } from "../helpers/web.ts";

let bot: WebBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** The text inside every element of a kind, tags stripped. */
const texts = (page: string, tag: string) =>
  [...page.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, "g"))].map((m) =>
    (m[1] ?? "").replace(/<[^>]+>/g, "").trim(),
  );

/** An internal name: a lowercase identifier such as `legal_steps`, `staff_reply` or `telegram:111`. */
const INTERNAL = /^(?:[a-z]+_[a-z_]+|[a-z]+:\d+|opened|note|status|reminder|user|system)$/;

describe("the console for a day's work", () => {
  it("shows a case in people's words: labels for answers and taps, history with names and statuses", async () => {
    bot = await webBot();
    const visitor = new Browser(bot.url);
    await visitor.get("/chat");
    await visitor.post("/chat", { text: "halo", mid: randomUUID() });
    // A tap: the log keeps the words on the button.
    const menu = (await visitor.get("/chat")).text;
    await visitor.post("/chat", {
      choice: "contacts",
      prompt: hidden(menu, "prompt") as string,
      mid: randomUUID(),
    });
    for (const text of ["petugas", "Anak saya hilang kontak di Malaysia"])
      await visitor.post("/chat", { text, mid: randomUUID() });
    const ref = /JR-[2-9A-Z]{4,6}/.exec((await visitor.get("/chat")).text)?.[0] as string;
    // Every kind of answer a flow can store, on the same case.
    const answers: CaseDraft["answers"] = {
      who: "child",
      what: "unpaid",
      country: "malaysia",
      since: "3 bulan",
      contact_phone: "081234567890",
      danger: true,
      details: "Gaji tidak dibayar",
      files: [{ kind: "photo", caption: "kontrak" }],
    };
    bot.app.store.db
      .prepare("UPDATE cases SET answers = ? WHERE ref = ?")
      .run(JSON.stringify(answers), ref);
    const staff = await signIn(bot);
    const csrf = hidden((await staff.get(`/console/kasus/${ref}`)).text, "_csrf") as string;
    await staff.post(`/console/kasus/${ref}/balas`, { _csrf: csrf, text: "Kami bantu." });
    await staff.post(`/console/kasus/${ref}/catatan`, { _csrf: csrf, text: "Sudah telepon" });
    await staff.post(`/console/kasus/${ref}/status`, { _csrf: csrf, status: "waiting" });

    const page = (await staff.get(`/console/kasus/${ref}`)).text;
    const labelled = [...texts(page, "dt"), ...texts(page, "dd"), ...texts(page, "td")];
    expect(labelled.filter((t) => INTERNAL.test(t))).toEqual([]);
    const history = texts(page.slice(page.indexOf('id="h-history"')), "li");
    expect(history.length).toBeGreaterThanOrEqual(4);
    for (const line of history) {
      expect(line).not.toMatch(/· (opened|staff_reply|user_message|note|status|reminder)(:|$)/);
      expect(line).not.toMatch(/telegram:\d+/);
    }
    // The staff member by name, the status by its word.
    expect(history.join("\n")).toContain("Bu Rina");
    expect(history.join("\n")).toContain("menunggu pelapor");
    // The reporter's tap is the button's words, not the option id.
    const chat = texts(page, "li").join("\n");
    expect(chat).toContain("Nomor penting");
    expect(chat).not.toMatch(/\bcontacts\b/);
  });

  it("keeps the case list current: counts in the tab title, a new case within seconds, urgent alerts opt-in", async () => {
    bot = await webBot();
    const staff = await signIn(bot);
    const list = await staff.get("/console");
    expect(list.text).toContain(`<script src="${LIVE_JS_PATH}" defer></script>`);
    // Without JavaScript the page refreshes itself.
    expect(list.text).toMatch(/<noscript><meta http-equiv="refresh" content="\d+"><\/noscript>/);
    expect(list.text).toContain('id="notify"');
    const before = JSON.parse((await staff.get(WAITING_PATH)).text) as {
      fresh: number;
      unanswered: number;
      newest: number;
      urgent: string[];
    };
    expect(before).toMatchObject({ fresh: 0, unanswered: 0, urgent: [] });

    const { ref } = await webCase(bot);
    const after = JSON.parse((await staff.get(WAITING_PATH)).text) as typeof before;
    // What the page's script compares: a new newest id means "reload the list".
    expect(after.newest).toBeGreaterThan(before.newest);
    expect(after.fresh).toBe(1);
    expect(after.unanswered).toBe(1);
    const title = /<title>([^<]*)<\/title>/.exec((await staff.get("/console")).text)?.[1];
    expect(title).toContain("(1 baru · 1 belum dibalas)");
    expect((await staff.get("/console")).text).toContain(ref);

    // An emergency is urgent: the script alerts (once) for it when staff turned alerts on.
    const user = bot.app.store.users.touch("web", "urgent-visitor", Date.now());
    const draft: CaseDraft = {
      ref: "JR-URG7",
      kind: "emergency",
      category: "violence",
      priority: "urgent",
      answers: {},
      personal: [],
      flow: "emergency",
    };
    bot.app.store.cases.open(
      draft,
      { userId: user.id, channel: "web", address: user.address, lang: "id" },
      Date.now(),
    );
    const urgent = JSON.parse((await staff.get(WAITING_PATH)).text) as typeof before;
    expect(urgent.urgent).toEqual(["JR-URG7"]);

    // Answered cases leave the unanswered count.
    const csrf = hidden((await staff.get(`/console/kasus/${ref}`)).text, "_csrf") as string;
    await staff.post(`/console/kasus/${ref}/balas`, { _csrf: csrf, text: "Kami bantu." });
    const answered = JSON.parse((await staff.get(WAITING_PATH)).text) as typeof before;
    expect(answered.unanswered).toBe(urgent.unanswered - 1);
    // Only staff may ask.
    expect((await new Browser(bot.url).get(WAITING_PATH)).status).toBe(401);
    const script = await staff.get(LIVE_JS_PATH);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(script.text).toContain(WAITING_PATH);
  });
});
