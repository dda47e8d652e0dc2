import { afterEach, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/review/csv.ts";
import { Browser, signIn, type WebBot, webBot } from "../helpers/web.ts";

let bot: WebBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const exports = (b: WebBot) =>
  b.app.store.audit.latest(200).filter((a) => a.action === "review.export");

describe("staff console: the Madurese review sheet", { timeout: 60_000 }, () => {
  it("staff download the same sheet as review:export, and every download is audited", async () => {
    bot = await webBot();
    const staff = await signIn(bot);
    const page = await staff.get("/console/teks");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Periksa teks bahasa Madura");
    expect(page.text).toContain('href="/console/teks/madura.csv"');
    expect((await staff.get("/console")).text).toContain('href="/console/teks"');

    const csv = await staff.get("/console/teks/madura.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get("content-disposition")).toMatch(
      /^attachment; filename="review-mad-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(expect.arrayContaining(["kunci", "koreksi", "komentar"]));
    expect(rows[1]?.[1]).toMatch(/^emergency\./);
    expect(rows.some((r) => r[1] === "report.ask_danger")).toBe(true);

    const printable = await staff.get("/console/teks/madura.html");
    expect(printable.status).toBe(200);
    expect(printable.text).toContain("Teks keselamatan");
    expect(printable.text).toContain('href="/console/teks/lembar.css"');
    expect((await staff.get("/console/teks/lembar.css")).status).toBe(200);

    const audited = exports(bot);
    expect(audited).toHaveLength(2);
    expect(audited.map((a) => a.actor)).toEqual([
      expect.stringMatching(/^telegram:/),
      expect.stringMatching(/^telegram:/),
    ]);
  });

  it("is refused without a staff session, and to someone taken off the staff list", async () => {
    bot = await webBot();
    const anonymous = await new Browser(bot.url).get("/console/teks/madura.csv");
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain("report.ask_danger");

    const staff = await signIn(bot);
    const directory = (
      bot.app.desk as unknown as { options: { directory: { members: Map<string, Set<string>> } } }
    ).options.directory;
    directory.members.get("telegram")?.clear();
    const removed = await staff.get("/console/teks/madura.csv");
    expect(removed.status).toBe(403);
    expect(removed.text).not.toContain("report.ask_danger");
    expect(exports(bot)).toEqual([]);
    expect(bot.app.store.audit.latest(50).map((a) => a.action)).toContain("console.refused");
  });
});
