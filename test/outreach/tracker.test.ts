/**
 * Entry codes and first-touch counting through the runtime (the simulator's channel): the code
 * in a first message is taken out, the person is greeted, the source counts them once, and what
 * they do afterwards is counted for it until they erase their data.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.ts";
import { METRIC } from "../../src/outreach/tracker.ts";
import { weekOf } from "../../src/outreach/week.ts";
import { type TestBot, testBot } from "../helpers/app.ts";

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.app.close();
  bot = undefined;
});

/** Sends a text as `user` and returns the texts the user got. */
async function say(b: TestBot, user: string, text: string): Promise<string[]> {
  const out = await b.sim.run({ from: `user:${user}`, text });
  return out.out.filter((m) => m.to === `user:${user}`).map((m) => m.text);
}

/** The counters of one source, by metric, summed over weeks. */
function counts(app: App, code: string): Record<string, number> {
  const source = app.store.sources.byCode(code);
  const totals: Record<string, number> = {};
  for (const c of app.store.sources.counts())
    if (c.sourceId === source?.id) totals[c.metric] = (totals[c.metric] ?? 0) + c.n;
  return totals;
}

function makeSource(app: App, code: string, lang: "id" | "mad" = "id") {
  return app.store.sources.create(
    {
      code,
      name: "Sosialisasi Pendopo",
      kind: "event",
      place: "Pamekasan",
      heldOn: null,
      lang,
      createdBy: "test",
    },
    0,
  );
}

describe("entry codes and first touch", () => {
  it("greets a first message carrying a code, counts once, and stops counting after erase", async () => {
    bot = testBot();
    const { app } = bot;
    makeSource(app, "K7Q3");
    const first = await say(bot, "a", "Halo #K7Q3");
    // The greeting and the menu: the code is not read as a question.
    expect(first.join("\n")).toContain("Jalur Resmi");
    expect(first.join("\n")).not.toMatch(/belum mengerti|tidak mengerti/i);
    expect(counts(app, "K7Q3")).toEqual({ [METRIC.newUsers]: 1, [METRIC.lang("id")]: 1 });

    // A second visit with the code again is the same person: nothing more.
    await say(bot, "a", "Halo #K7Q3");
    expect(counts(app, "K7Q3")[METRIC.newUsers]).toBe(1);

    // What they do is counted for the source, each flow once.
    await say(bot, "a", "cara kerja ke luar negeri yang resmi");
    await say(bot, "a", "menu");
    await say(bot, "a", "cara kerja ke luar negeri yang resmi");
    expect(counts(app, "K7Q3")[METRIC.flow("legal_steps")]).toBe(1);

    const user = app.store.users.find("sim", "a");
    expect(app.store.sources.linkOf(user?.id ?? -1)?.sourceId).toBe(
      app.store.sources.byCode("K7Q3")?.id,
    );
    await say(bot, "a", "hapus");
    await say(bot, "a", "ya");
    // The link is gone with the user; the counts stay, naming no one.
    expect(app.store.db.prepare("SELECT count(*) FROM user_sources").pluck().get()).toBe(0);
    expect(counts(app, "K7Q3")[METRIC.newUsers]).toBe(1);
  });

  it("leaves unknown codes and people who were already here alone", async () => {
    bot = testBot();
    const { app } = bot;
    makeSource(app, "K7Q3");
    await say(bot, "b", "halo");
    await say(bot, "b", "Halo #K7Q3");
    expect(counts(app, "K7Q3")).toEqual({});
    // An unknown code stays in the text; nothing is counted anywhere.
    await say(bot, "c", "Halo #ZZZZ");
    expect(app.store.sources.counts()).toEqual([]);
  });

  it("answers a question that came with the code", async () => {
    bot = testBot();
    makeSource(bot.app, "K7Q3");
    const out = await say(bot, "f", "berapa biaya paspor #K7Q3");
    expect(out.join("\n")).toMatch(/biaya/i);
    expect(out.join("\n")).not.toContain("#K7Q3");
    expect(counts(bot.app, "K7Q3")[METRIC.newUsers]).toBe(1);
  });

  it("starts in the source's language, and follows a change of language", async () => {
    bot = testBot();
    const { app } = bot;
    makeSource(app, "M4DR", "mad");
    const out = await say(bot, "d", "Assalamualaikum #M4DR");
    expect(out.join("\n")).toContain("Èatorè");
    const week = weekOf(bot.clock.now());
    const source = app.store.sources.byCode("M4DR");
    expect(app.store.sources.counts()).toEqual(
      expect.arrayContaining([
        { sourceId: source?.id, week, metric: METRIC.newUsers, n: 1 },
        { sourceId: source?.id, week, metric: METRIC.lang("mad"), n: 1 },
      ]),
    );
    // Choosing Indonesian moves the person from one language count to the other.
    await say(bot, "d", "bahasa indonesia");
    expect(counts(app, "M4DR")).toMatchObject({ [METRIC.lang("mad")]: 0, [METRIC.lang("id")]: 1 });
  });

  it("counts the emergencies people a source brought open", async () => {
    bot = testBot();
    const { app } = bot;
    makeSource(app, "R3PT");
    await say(bot, "e", "Halo #R3PT");
    // Danger, in Indonesia, yes send it to staff, what happened, a call is not safe.
    for (const text of ["darurat", "1", "ya", "adik saya dikurung majikan", "1"])
      await say(bot, "e", text);
    expect(counts(app, "R3PT")[METRIC.emergency]).toBe(1);
    expect(counts(app, "R3PT")[METRIC.report]).toBeUndefined();
  });
});
