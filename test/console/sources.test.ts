/**
 * The console's outreach pages over HTTP: a staff member makes a source, sees its links and
 * QR codes, prints its poster, and reads the statistics by source — counts under 5 shown as
 * "< 5", and the CSV with the same numbers. The staff command `/sumber` does the same in chat.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { Browser, hidden, STAFF_CHAT, STAFF_ID, type WebBot, webBot } from "../helpers/web.ts";

let bot: WebBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const ENV = {
  PUBLIC_URL: "https://bot.example.org",
  TELEGRAM_BOT_USERNAME: "jalur_resmi_bot",
  WHATSAPP_NUMBER: "6281234567890",
};

/** Signs staff in; the link names PUBLIC_URL, which is this test server. */
async function signIn(b: WebBot): Promise<Browser> {
  const browser = new Browser(b.url);
  const link = (await b.masuk()).replace(ENV.PUBLIC_URL, b.url);
  const page = await browser.get(link);
  const done = await browser.post(link, { _csrf: hidden(page.text, "_csrf") ?? "" });
  if (done.status !== 303) throw new Error(`sign-in answered ${done.status}`);
  return browser;
}

/** `n` new people open the web chat with a source's code and say hello. */
async function visitors(b: WebBot, code: string, n: number, lang = "id"): Promise<void> {
  for (let i = 0; i < n; i++) {
    const visitor = new Browser(b.url);
    await visitor.get(`/chat?src=${code}&lang=${lang}`);
    const sent = await visitor.post("/chat", { text: "halo", mid: randomUUID() });
    expect(sent.status).toBe(303);
  }
}

/** Makes a source through the console's form; returns its code. */
async function makeSource(staff: Browser, form: Record<string, string>): Promise<string> {
  const list = await staff.get("/console/sumber");
  const made = await staff.post("/console/sumber", {
    _csrf: hidden(list.text, "_csrf") ?? "",
    ...form,
  });
  expect(made.status).toBe(303);
  const code = /\/console\/sumber\/([2-9A-Z]{4,6})$/.exec(made.headers.get("location") ?? "")?.[1];
  if (!code) throw new Error(`no source made: ${made.headers.get("location")}`);
  return code;
}

describe("outreach in the staff console", () => {
  it("makes a source with a code, shows its links and QR codes, and prints its poster", async () => {
    bot = await webBot(ENV);
    const staff = await signIn(bot);
    const code = await makeSource(staff, {
      name: "Sosialisasi Pendopo 12 Jan",
      kind: "event",
      place: "Pamekasan",
      date: "2027-01-12",
      lang: "mad",
    });
    const page = await staff.get(`/console/sumber/${code}`);
    expect(page.text).toContain(`dibuat dengan kode ${code}`);
    expect(page.text).toContain("Sosialisasi Pendopo 12 Jan");
    // The source starts in Madurese: its own links carry the bare code, Indonesian ones ask for id.
    expect(page.text).toContain(`https://t.me/jalur_resmi_bot?start=${code}"`);
    expect(page.text).toContain(`https://t.me/jalur_resmi_bot?start=${code}-id`);
    expect(page.text).toContain(`https://wa.me/6281234567890?text=Assalamualaikum%20%23${code}`);
    expect(page.text).toContain(`https://bot.example.org/chat?src=${code}&amp;lang=mad`);
    expect(page.text.match(/<svg class="qr"/g)).toHaveLength(6);

    const poster = await staff.get(
      `/console/sumber/${code}/cetak?bahasa=both&ukuran=a4&kantor=Kantor%20Imigrasi%20Pamekasan`,
    );
    expect(poster.status).toBe(200);
    expect(poster.text).toContain("Layanan gratis — tidak pernah meminta uang atau kode OTP.");
    expect(poster.text).toContain(
      "Layanan gratis — ta&#39; perna nyo&#39;on pèssè otabâ kode OTP.",
    );
    expect(poster.text).toContain("+62 812 9007 0027");
    expect(poster.text).toContain("siap.viva.co.id");
    expect(poster.text).toContain("Kantor Imigrasi Pamekasan");
    expect(poster.text.match(/<svg class="qr"/g)).toHaveLength(6);
    const cards = await staff.get(`/console/sumber/${code}/cetak?bahasa=id&ukuran=a6`);
    expect(cards.text.match(/<article class="card"/g)).toHaveLength(4);
    // The office's name is remembered for the next print.
    expect((await staff.get(`/console/sumber/${code}`)).text).toContain(
      'value="Kantor Imigrasi Pamekasan"',
    );
    const actions = bot.app.store.audit.latest(50).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["source.create", "source.print"]));
  });

  it("refuses a source without a name or with a bad date, and a stranger's form", async () => {
    bot = await webBot(ENV);
    const staff = await signIn(bot);
    const list = await staff.get("/console/sumber");
    const csrf = hidden(list.text, "_csrf") ?? "";
    const bad = await staff.post("/console/sumber", { _csrf: csrf, name: " ", kind: "event" });
    expect(bad.headers.get("location")).toBe("/console/sumber");
    expect((await staff.get("/console/sumber")).text).toContain("Nama wajib diisi");
    await staff.post("/console/sumber", { _csrf: csrf, name: "X", date: "2027-02-30" });
    expect((await staff.get("/console/sumber")).text).toContain("Tanggal harus");
    const stranger = await new Browser(bot.url).post("/console/sumber", { name: "Y" });
    expect(stranger.status).not.toBe(303);
    expect(bot.app.store.sources.all().map((s) => s.name)).toEqual([
      "Umum: pesan berantai dari tokoh masyarakat",
    ]);
  });

  it('shows statistics by source with counts under 5 as "< 5", and a CSV with the same numbers', async () => {
    bot = await webBot(ENV);
    const staff = await signIn(bot);
    const big = await makeSource(staff, {
      name: "Poster Kanim Pamekasan",
      kind: "poster",
      lang: "id",
    });
    const small = await makeSource(staff, {
      name: "Pengajian Desa Larangan",
      kind: "school",
      place: "Larangan",
      lang: "mad",
    });
    await visitors(bot, big, 6);
    await visitors(bot, big, 1, "mad");
    await visitors(bot, small, 2, "mad");

    const page = await staff.get("/console/statistik/sumber");
    expect(page.status).toBe(200);
    const table = (code: string) =>
      new RegExp(`<table class="source-stats" data-source="${code}">([\\s\\S]*?)</table>`).exec(
        page.text,
      )?.[1] ?? "";
    // 7 new users for the poster: shown; 2 for the pengajian: "< 5", in the week and the total.
    expect(table(big)).toMatch(/<tfoot><tr><th scope="row">Jumlah<\/th><td class="num">7<\/td>/);
    expect(table(small)).toContain('<td class="num">&lt; 5</td>');
    expect(table(small)).not.toMatch(/<td class="num">2<\/td>/);
    // Language share: one Madurese reader of the poster is hidden, and so is the Indonesian
    // count (7 − 6 would give them away).
    expect(page.text).toContain("Bahasa: Indonesia *, Madura &lt; 5");
    expect(page.text).toContain('<svg class="chart"');

    const csv = await staff.get("/console/statistik/sumber.csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const rows = csv.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .map((r) => r.split(","));
    const total = (code: string) => rows.find((r) => r[0] === code && r[2] === "Jumlah");
    expect(total(big)?.slice(3, 4)).toEqual(["7"]);
    expect(total(big)?.slice(-2)).toEqual(["*", "< 5"]);
    expect(total(small)?.slice(3, 4)).toEqual(["< 5"]);
    expect(csv.text).not.toMatch(/,2,/);
    expect(bot.app.store.audit.latest(20).map((a) => a.action)).toContain("source.export");
  });

  it("lets staff list, show and make sources with /sumber in the staff chat", async () => {
    bot = await webBot(ENV);
    const b = bot;
    const staff = async (text: string) => {
      await b.app.receiveStaff({
        channel: "telegram",
        chat: STAFF_CHAT,
        sender: STAFF_ID,
        senderName: "Bu Rina",
        messageId: randomUUID(),
        text,
      });
      // Receiving does not wait on sending: the reply is in the staff chat once the app is idle.
      await b.app.idle();
      return b.telegram.to(STAFF_CHAT).at(-1)?.message.text ?? "";
    };
    const made = await staff("/sumber baru Grup WA Desa Tlanakan; desa; Tlanakan; 2027-01-20; mad");
    const code = /#([2-9A-Z]{4,6})/.exec(made)?.[1] as string;
    expect(made).toContain(`https://t.me/jalur_resmi_bot?start=${code}`);
    const source = b.app.store.sources.byCode(code);
    expect(source).toMatchObject({
      kind: "village",
      place: "Tlanakan",
      heldOn: "2027-01-20",
      lang: "mad",
    });
    await visitors(b, code, 3, "mad");
    const shown = await staff(`/sumber ${code.toLowerCase()}`);
    expect(shown).toContain("Pengguna baru (12 minggu): < 5");
    const list = await staff("/sumber");
    expect(list).toContain(`#${code} Grup WA Desa Tlanakan (Grup desa) — < 5`);
    expect(list).toContain("#UMUM");
    expect(await staff("/sumber baru ; acara")).toContain("Nama wajib diisi");
    expect(await staff("/sumber ZZZZ")).toContain("Tidak ada sumber dengan kode ZZZZ");
    // Someone not on the staff list is refused, as for every command.
    await b.app.receiveStaff({
      channel: "telegram",
      chat: STAFF_CHAT,
      sender: "999",
      messageId: randomUUID(),
      text: "/sumber baru Palsu",
    });
    expect(b.app.store.sources.all().some((s) => s.name === "Palsu")).toBe(false);
  });
});
