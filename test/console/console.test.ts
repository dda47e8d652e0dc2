import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../helpers/run.ts";
import {
  Browser,
  hidden,
  STAFF_CHAT,
  signIn,
  type WebBot,
  webBot,
  webCase,
} from "../helpers/web.ts";

let bot: WebBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const actions = (b: WebBot) => b.app.store.audit.latest(200).map((a) => a.action);

describe("staff console sign-in", () => {
  it("a /masuk link signs in once: opening it does not use it, the button does, a second use is refused", async () => {
    bot = await webBot();
    const link = await bot.masuk();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/masuk\/[\w-]{43}$/);
    expect(bot.telegram.to(STAFF_CHAT).at(-1)?.message.text).toContain("Sekali pakai");
    // The token is stored hashed only.
    const token = link.split("/").at(-1) as string;
    const rows = JSON.stringify(bot.app.store.db.prepare("SELECT * FROM console_links").all());
    expect(rows).not.toContain(token);

    const browser = new Browser(bot.url);
    // A chat app's link preview (a GET) must not use up the link.
    const preview = await new Browser(bot.url).get(link);
    expect(preview.status).toBe(200);
    const page = await browser.get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Bu Rina");
    const signedIn = await browser.post(link, { _csrf: hidden(page.text, "_csrf") ?? "" });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/console");
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("jr_console="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect((await browser.get("/console")).status).toBe(200);

    // Used twice: refused, whether opened again or posted again (even with a fresh form token).
    const again = new Browser(bot.url);
    expect((await again.get(link)).status).toBe(403);
    const other = new Browser(bot.url);
    const otherPage = await other.get(await bot.masuk());
    const reused = await other.post(link, { _csrf: hidden(otherPage.text, "_csrf") ?? "" });
    expect(reused.status).toBe(403);
    expect(reused.text).toContain("Tautan tidak berlaku");
    expect(other.cookies.has("jr_console")).toBe(false);
    expect(actions(bot)).toEqual(
      expect.arrayContaining(["console.link", "console.signin", "console.signin_refused"]),
    );
  });

  it("refuses an expired link and a forged one", async () => {
    bot = await webBot();
    const link = await bot.masuk();
    const browser = new Browser(bot.url);
    const page = await browser.get(link);
    const csrf = hidden(page.text, "_csrf") ?? "";
    bot.advance(10 * 60_000 + 1);
    expect((await new Browser(bot.url).get(link)).status).toBe(403);
    expect((await browser.post(link, { _csrf: csrf })).status).toBe(403);
    expect(browser.cookies.has("jr_console")).toBe(false);

    const forged = `${bot.url}/masuk/${"A".repeat(43)}`;
    const b2 = new Browser(bot.url);
    expect((await b2.get(forged)).status).toBe(403);
    expect((await b2.get(`${bot.url}/masuk/not-a-token`)).status).toBe(403);
    // Even with a form token from a real sign-in page.
    const real = await b2.get(await bot.masuk());
    expect((await b2.post(forged, { _csrf: hidden(real.text, "_csrf") ?? "" })).status).toBe(403);
    expect(b2.cookies.has("jr_console")).toBe(false);
  });

  it("gives no link to someone in the staff chat who is not staff", async () => {
    bot = await webBot();
    const reply = await bot.masuk("999", "Orang lain");
    expect(reply).not.toContain("/masuk/");
    expect(reply).toContain("tidak terdaftar sebagai petugas");
  });

  it("says the console is off when links could not be opened by staff", async () => {
    bot = await webBot();
    // A server on all interfaces without PUBLIC_URL: a link to it would not work elsewhere.
    (bot.app.consoleLinks as unknown as { base: string | undefined }).base = undefined;
    expect(await bot.masuk()).toContain("PUBLIC_URL");
  });

  it("marks cookies Secure (with the __Host- prefix) behind https", async () => {
    bot = await webBot({ PUBLIC_URL: "https://bot.example.org" });
    const link = (await bot.masuk()).replace("https://bot.example.org", bot.url);
    const browser = new Browser(bot.url);
    const page = await browser.get(link);
    expect(page.headers.getSetCookie().join()).toMatch(/__Secure-jr_signin=.*Secure/);
    const done = await browser.post(link, { _csrf: hidden(page.text, "_csrf") ?? "" });
    const cookie = done.headers.getSetCookie().find((c) => c.startsWith("__Host-jr_console="));
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
  });

  it("ends sessions after CONSOLE_SESSION_HOURS, and on signing out", async () => {
    bot = await webBot({ CONSOLE_SESSION_HOURS: "2" });
    const browser = await signIn(bot);
    expect((await browser.get("/console")).status).toBe(200);
    bot.advance(2 * 3_600_000 + 1);
    expect((await browser.get("/console")).status).toBe(401);

    const again = await signIn(bot);
    const list = await again.get("/console");
    const out = await again.post("/console/keluar", { _csrf: hidden(list.text, "_csrf") ?? "" });
    expect(out.status).toBe(200);
    expect(out.text).toContain("sudah keluar");
    expect(actions(bot)).toContain("console.signout");
  });
});

describe("local operators", () => {
  it("npm run console:link prints a one-time link for a named operator, who can then act", async () => {
    bot = await webBot();
    const { ref } = await webCase(bot);
    const port = new URL(bot.url).port;
    // Run without blocking: this process serves the bot's HTTP meanwhile.
    const link = (args: string[]) =>
      run("npm", ["run", "--silent", "console:link", "--", ...args], {
        cwd: join(import.meta.dirname, "..", ".."),
        env: {
          ...process.env,
          LOG_LEVEL: "silent",
          HTTP_HOST: "127.0.0.1",
          PORT: port,
          PUBLIC_URL: "",
        },
        timeoutMs: 30_000,
      });
    const bad = await link(["--db", join(bot.dir, "bot.db")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^--name: expected the operator's name/);
    const made = await link(["--name", "Rina", "--db", join(bot.dir, "bot.db")]);
    expect(made.status).toBe(0);
    const url = made.stdout.trim();
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/masuk/[\\w-]{43}$`));
    const browser = new Browser(bot.url);
    const page = await browser.get(url);
    expect(page.text).toContain("Rina");
    expect((await browser.post(url, { _csrf: hidden(page.text, "_csrf") ?? "" })).status).toBe(303);
    const csrf = hidden((await browser.get(`/console/kasus/${ref}`)).text, "_csrf") ?? "";
    await browser.post(`/console/kasus/${ref}/catatan`, { _csrf: csrf, text: "Dicek operator" });
    const events = bot.app.store.cases.events(bot.app.store.cases.byRef(ref)?.id ?? 0);
    expect(events.at(-1)).toMatchObject({ actor: "local:Rina", type: "note" });
    const audit = bot.app.store.audit.latest(50);
    expect(audit.find((a) => a.action === "console.link")).toMatchObject({
      actor: "local:Rina",
      data: { via: "cli" },
    });
  });

  it("the desk refuses a web action from someone who is not staff, and audits it", async () => {
    bot = await webBot();
    const { ref } = await webCase(bot);
    const replies = await bot.app.act(
      { actor: "telegram:999", name: "Orang lain" },
      { name: "balas", ref, text: "Halo" },
    );
    expect(replies.join()).toContain("tidak terdaftar sebagai petugas");
    expect(bot.app.store.audit.latest(5)[0]).toMatchObject({
      actor: "telegram:999",
      action: "staff.refused",
      data: { command: "balas", via: "web" },
    });
  });
});

describe("staff console access", () => {
  it("keeps every page and media file from anyone not signed in as staff", async () => {
    bot = await webBot();
    const { ref } = await webCase(bot);
    const record = bot.app.store.cases.byRef(ref);
    const file = join(bot.mediaDir, "photo.jpg");
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("jpeg bytes")]),
    );
    bot.app.store.cases.attach(
      record?.id ?? 0,
      record?.userId ?? null,
      { kind: "photo", path: file, mime: "image/jpeg" },
      Date.now(),
    );
    const attachment = bot.app.store.cases.attachments(record?.id ?? 0)[0];
    const pages = [
      "/console",
      `/console/kasus/${ref}`,
      "/console/statistik",
      `/console/media/${attachment?.id}`,
      "/console/nothing-here",
    ];
    const stranger = new Browser(bot.url);
    for (const path of pages) {
      const got = await stranger.get(path);
      expect(got.status, path).toBe(401);
      expect(got.text, path).not.toContain(ref);
      expect(got.text, path).not.toContain("jpeg bytes");
    }
    // A made-up session cookie is no better.
    stranger.cookies.set("jr_console", "B".repeat(43));
    for (const path of pages) expect((await stranger.get(path)).status, path).toBe(401);
    const posted = await stranger.post(`/console/kasus/${ref}/balas`, { text: "hai", _csrf: "x" });
    expect(posted.status).toBe(403);

    // Staff see the file, inline, as the type it was stored with.
    const staff = await signIn(bot);
    const media = await staff.get(`/console/media/${attachment?.id}`);
    expect(media.status).toBe(200);
    expect(media.headers.get("content-type")).toBe("image/jpeg");
    // The file's own sandbox policy is not replaced by the pages' policy.
    expect(media.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(media.headers.get("x-content-type-options")).toBe("nosniff");
    expect(media.text).toContain("jpeg bytes");
    const page = await staff.get(`/console/kasus/${ref}`);
    expect(page.text).toContain(`<img src="/console/media/${attachment?.id}"`);
  });

  it("serves no file from outside the media directory, and none of a user's loose files", async () => {
    bot = await webBot();
    const { ref } = await webCase(bot);
    const record = bot.app.store.cases.byRef(ref);
    const outside = join(bot.dir, "bot.db");
    bot.app.store.cases.attach(record?.id ?? 0, null, { kind: "document", path: outside }, 1);
    const loose = join(bot.mediaDir, "loose.jpg");
    writeFileSync(loose, "x");
    bot.app.store.cases.attach(null, record?.userId ?? null, { kind: "photo", path: loose }, 1);
    const staff = await signIn(bot);
    const ids = bot.app.store.db
      .prepare("SELECT id FROM attachments ORDER BY id")
      .pluck()
      .all() as number[];
    for (const id of ids) expect((await staff.get(`/console/media/${id}`)).status).toBe(404);
  });

  it("refuses a signed-in staff member who was taken off the staff list", async () => {
    bot = await webBot();
    const staff = await signIn(bot);
    const directory = (
      bot.app.desk as unknown as { options: { directory: { members: Map<string, Set<string>> } } }
    ).options.directory;
    directory.members.get("telegram")?.clear();
    const got = await staff.get("/console");
    expect(got.status).toBe(403);
    expect(got.text).toContain("tidak lagi terdaftar");
    directory.members.get("telegram")?.add("111");
    // The session was ended, not just refused once.
    expect((await staff.get("/console")).status).toBe(401);
  });
});

describe("staff console forms", () => {
  it("every form refuses a missing or wrong CSRF token, and does nothing", async () => {
    bot = await webBot();
    const { visitor, ref } = await webCase(bot);
    const staff = await signIn(bot);
    const page = await staff.get(`/console/kasus/${ref}`);
    const csrf = hidden(page.text, "_csrf") as string;
    expect(csrf).toMatch(/^[\w-]{43}$/);
    const forms: [string, Record<string, string>][] = [
      [`/console/kasus/${ref}/balas`, { text: "Balasan palsu" }],
      [`/console/kasus/${ref}/catatan`, { text: "Catatan palsu" }],
      [`/console/kasus/${ref}/status`, { status: "closed", office: "" }],
      [`/console/kasus/${ref}/ambil`, {}],
      ["/console/keluar", {}],
    ];
    // Every form on the case page is one of these.
    const onPage = [...page.text.matchAll(/<form method="post" action="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(new Set(onPage)).toEqual(new Set(forms.map(([path]) => path)));
    const before = bot.app.store.cases.byRef(ref);
    const eventsBefore = bot.app.store.cases.events(before?.id ?? 0).length;
    for (const [path, fields] of forms) {
      for (const token of [undefined, "", "x".repeat(43), csrf.slice(0, -1)]) {
        const got = await staff.post(
          path,
          token === undefined ? fields : { ...fields, _csrf: token },
        );
        expect(got.status, `${path} with ${token}`).toBe(403);
        expect(got.text).toContain("tidak sah");
      }
    }
    // The sign-in form too.
    const link = await bot.masuk();
    const fresh = new Browser(bot.url);
    await fresh.get(link);
    expect((await fresh.post(link, {})).status).toBe(403);
    expect((await fresh.post(link, { _csrf: "y".repeat(43) })).status).toBe(403);
    // A token from another session is wrong too.
    const other = await signIn(bot);
    const otherCsrf = hidden((await other.get("/console")).text, "_csrf");
    expect(otherCsrf).not.toBe(csrf);
    expect(
      (await staff.post(`/console/kasus/${ref}/catatan`, { text: "x", _csrf: otherCsrf ?? "" }))
        .status,
    ).toBe(403);

    const after = bot.app.store.cases.byRef(ref);
    expect(after?.status).toBe(before?.status);
    expect(bot.app.store.cases.events(after?.id ?? 0)).toHaveLength(eventsBefore);
    expect((await visitor.get("/chat")).text).not.toContain("Balasan palsu");
    expect((await staff.get("/console")).status).toBe(200);
    expect(actions(bot).filter((a) => a === "console.refused").length).toBeGreaterThanOrEqual(22);
  });

  it("acts through the staff desk: reply, note, claim and status, with the desk's answers and audit", async () => {
    bot = await webBot();
    const { visitor, ref } = await webCase(bot);
    const staff = await signIn(bot);
    const csrf = hidden((await staff.get(`/console/kasus/${ref}`)).text, "_csrf") as string;

    const replied = await staff.post(`/console/kasus/${ref}/balas`, {
      _csrf: csrf,
      text: "Kami cek ke KBRI <b>besok</b>.",
    });
    expect(replied.status).toBe(303);
    const page = await staff.get(`/console/kasus/${ref}`);
    expect(page.text).toContain(`Terkirim ke pelapor ${ref}`);
    // Escaped in the conversation, not markup.
    expect(page.text).toContain("Kami cek ke KBRI &lt;b&gt;besok&lt;/b&gt;.");
    expect((await visitor.get("/chat")).text).toContain(
      "Kami cek ke KBRI &lt;b&gt;besok&lt;/b&gt;.",
    );
    // The other staff see it in their chat.
    await staff.post(`/console/kasus/${ref}/catatan`, { _csrf: csrf, text: "Sudah telepon" });
    await staff.post(`/console/kasus/${ref}/status`, {
      _csrf: csrf,
      status: "referred",
      office: "P4MI Pamekasan",
    });
    const record = bot.app.store.cases.byRef(ref);
    expect(record).toMatchObject({
      status: "referred",
      office: "P4MI Pamekasan",
      assignee: "telegram:111",
    });
    expect(bot.telegram.to(STAFF_CHAT).at(-1)?.message.text).toContain("Bu Rina");
    const events = bot.app.store.cases.events(record?.id ?? 0).map((e) => [e.actor, e.type]);
    expect(events).toEqual(
      expect.arrayContaining([
        ["telegram:111", "staff_reply"],
        ["telegram:111", "note"],
        ["telegram:111", "status"],
      ]),
    );
    expect(actions(bot)).toEqual(
      expect.arrayContaining(["case.reply", "case.note", "case.status", "case.view"]),
    );
    // A referral needs an office: the desk's own answer comes back.
    await staff.post(`/console/kasus/${ref}/status`, {
      _csrf: csrf,
      status: "referred",
      office: "",
    });
    expect((await staff.get(`/console/kasus/${ref}`)).text).toContain("Sebutkan kantor rujukan");
  });

  it("filters the case list and finds a case by its reference", async () => {
    bot = await webBot();
    const first = await webCase(bot, "Pertanyaan satu");
    const second = await webCase(bot, "Pertanyaan dua");
    bot.app.store.cases.change(
      bot.app.store.cases.byRef(second.ref)?.id ?? 0,
      { status: "closed" },
      1,
    );
    const staff = await signIn(bot);
    const all = (await staff.get("/console")).text;
    expect(all).toContain(first.ref);
    expect(all).toContain(second.ref);
    const open = (await staff.get("/console?status=new&channel=web")).text;
    expect(open).toContain(first.ref);
    expect(open).not.toContain(second.ref);
    const byRef = (await staff.get(`/console?ref=${second.ref.toLowerCase()}`)).text;
    expect(byRef).not.toContain(`>${first.ref}<`);
    expect(byRef).toContain(second.ref);
    expect((await staff.get("/console?priority=urgent")).text).toContain("Tidak ada kasus");
    expect((await staff.get("/console?ref=%25")).text).toContain("Tidak ada kasus");
    // Statistics with only these two cases: charts for cases, "no data" where there is none.
    const stats = await staff.get("/console/statistik");
    expect(stats.status).toBe(200);
    expect(stats.text).toContain('<svg class="chart"');
    expect(stats.text).toContain("Belum ada kasus yang ditanggapi");
  });
});
