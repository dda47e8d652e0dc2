/**
 * The public web chat under abuse, against the real server on 127.0.0.1: made-up cookies,
 * uploads nobody asked for, a full media folder, poll floods, oversized bodies. Each test is
 * bounded in time and sized to run on a shared 2-core machine.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { png } from "../../helpers/png.ts";
import { floodFromWorker, multipartBody, pooled, raw } from "../../helpers/raw-http.ts";
import { Browser, STAFF_CHAT, signIn, type WebBot, webBot, webCase } from "../../helpers/web.ts";

let bot: WebBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const MB = 1024 * 1024;
/** Limits high enough that only the limit under test is reached. */
const GENEROUS = {
  WEB_CHAT_IP_MAX_PER_MINUTE: "100000",
  WEB_CHAT_MAX_PER_MINUTE: "1000",
  FLOOD_MAX_MESSAGES: "1000",
};

/** A file that starts like a PNG, padded to `bytes`. */
const photo = (bytes: number) => {
  const head = png();
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length), 7)]);
};

const folderBytes = (dir: string) =>
  readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

/** Made-up cookies: the old unsigned format, and the signed format with a wrong signature. */
const forged = (i: number) =>
  i % 2 === 0
    ? randomUUID().replace(/-/g, "").padEnd(43, "A")
    : `${randomUUID().replace(/-/g, "").padEnd(43, "B")}.${"C".repeat(22)}`;

/** Posts a file as a visitor (by their cookies). */
async function upload(
  bot: WebBot,
  visitor: Browser,
  file: { type: string; bytes: Buffer },
  text = "",
) {
  const cookie = [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const form = multipartBody(
    { mid: randomUUID(), ...(text ? { text } : {}) },
    { ...file, name: "x" },
  );
  return raw(bot.url, "/chat", {
    method: "POST",
    headers: {
      cookie,
      "content-type": form.contentType,
      "content-length": String(form.body.length),
    },
    body: form.body,
  });
}

describe("web chat under abuse", { timeout: 60_000 }, () => {
  it("takes files only from issued visitors, where asked, a few a day, within the media budget", async () => {
    bot = await webBot(
      { ...GENEROUS, WEB_CHAT_MEDIA_MAX_MB: "1", MEDIA_MAX_TOTAL_MB: "2" },
      { uploads: { perDay: 3 } },
    );
    const b = bot;
    // 100 uploads of 0.9 MB with made-up cookies, 10 at a time: none is read or kept.
    const file = photo(0.9 * MB);
    const forgedAnswers = await pooled(100, 10, async (i) => {
      const form = multipartBody(
        { mid: randomUUID() },
        { type: "image/png", name: "a.png", bytes: file },
      );
      return raw(b.url, "/chat", {
        method: "POST",
        headers: {
          cookie: `jr_chat=${forged(i)}`,
          "content-type": form.contentType,
          "content-length": String(form.body.length),
        },
        partial: form.body.subarray(0, 64 * 1024),
      });
    });
    expect(forgedAnswers.every((a) => a.status === 303 && a.headers.connection === "close")).toBe(
      true,
    );
    expect(readdirSync(b.mediaDir)).toEqual([]);
    expect(b.app.store.db.prepare("SELECT count(*) FROM users").pluck().get()).toBe(0);

    // A real visitor at the menu: no question asks for a file.
    const idle = new Browser(b.url);
    await idle.get("/chat");
    await idle.post("/chat", { text: "halo", mid: randomUUID() });
    const notNow = await upload(b, idle, { type: "image/png", bytes: photo(1000) });
    expect(notNow.status).toBe(400);
    expect(notNow.body).toContain("File belum bisa dikirim sekarang");
    // What was typed with it still reaches the bot; the file does not.
    const withText = await upload(b, idle, { type: "image/png", bytes: photo(1000) }, "menu");
    expect(withText.status).toBe(200);
    expect(withText.body).toContain("File belum bisa dikirim sekarang");
    expect(readdirSync(b.mediaDir)).toEqual([]);

    // With a case open, files go to it: three a day.
    const { visitor } = await webCase(b);
    const sent = [];
    for (let i = 0; i < 4; i++) {
      sent.push(await upload(b, visitor, { type: "image/png", bytes: photo(0.3 * MB) }));
    }
    expect(sent.map((a) => a.status)).toEqual([303, 303, 303, 400]);
    expect(sent[3]?.body).toContain("Hari ini Anda sudah mengirim banyak file");
    expect(readdirSync(b.mediaDir)).toHaveLength(3);

    // Types are decided by the bytes: markup declared as a picture, or declared as markup.
    const lies = [
      { type: "image/png", bytes: Buffer.from("<html><script>alert(1)</script></html>") },
      { type: "image/png", bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
      { type: "application/pdf", bytes: Buffer.from("MZ\x90\x00 not a pdf") },
    ];
    const other = (await webCase(b)).visitor;
    for (const lie of lies) {
      const got = await upload(b, other, lie);
      expect(got.status).toBe(400);
      expect(got.body).toContain("isinya tidak sesuai jenis filenya");
    }
    for (const type of ["text/html", "image/svg+xml", "application/octet-stream"]) {
      const got = await upload(b, other, { type, bytes: Buffer.from("<svg/>") });
      expect(got.status).toBe(400);
      expect(got.body).toContain("Jenis file ini tidak bisa dikirim");
    }
    expect(readdirSync(b.mediaDir)).toHaveLength(3);

    // More visitors fill the folder to its 2 MB budget; then files are refused kindly and
    // staff are told once.
    const answers = [];
    for (let v = 0; v < 3; v++) {
      const more = (await webCase(b)).visitor;
      for (let i = 0; i < 3; i++) {
        answers.push(await upload(b, more, { type: "image/png", bytes: photo(0.3 * MB) }));
      }
    }
    const full = answers.filter((a) => a.body.includes("saat ini file tidak bisa diterima"));
    expect(full.length).toBeGreaterThan(1);
    expect(folderBytes(b.mediaDir)).toBeLessThanOrEqual(2 * MB);
    const alerts = b.telegram
      .to(STAFF_CHAT)
      .filter((o) => o.message.text.includes("Folder file penuh"));
    expect(alerts).toHaveLength(1);
    expect(b.app.store.audit.latest().some((e) => e.action === "system.media_full")).toBe(true);
  });

  it("answers malformed forms with 400, and limits uploads in progress per address", async () => {
    bot = await webBot(GENEROUS, { uploads: { perIp: 2, total: 4 } });
    const b = bot;
    const { visitor } = await webCase(b);
    const cookie = [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const post = (contentType: string, body: string) =>
      raw(b.url, "/chat", {
        method: "POST",
        headers: { cookie, "content-type": contentType, "content-length": String(body.length) },
        body,
      });
    const malformed = [
      post("multipart/form-data; boundary=abc", "garbage without any boundary"),
      post(
        "multipart/form-data; boundary=abc",
        '--abc\r\nContent-Disposition: form-data; name="text"\r\n\r\nhalo',
      ),
      post("multipart/form-data; boundary=abc", "--abc\r\nno colon here\r\n\r\nx\r\n--abc--\r\n"),
      post("multipart/form-data", "--abc--\r\n"),
    ];
    for (const got of await Promise.all(malformed)) {
      expect(got.status).toBe(400);
      expect(got.body).toContain("Pesan tidak terbaca");
    }
    // Slow uploads hold their places; a third from the same address must wait.
    const slow = multipartBody(
      { mid: randomUUID() },
      { type: "image/png", name: "a", bytes: photo(300_000) },
    );
    const headers = {
      cookie,
      "content-type": slow.contentType,
      "content-length": String(slow.body.length),
    };
    const holding = [1, 2].map(() =>
      raw(b.url, "/chat", {
        method: "POST",
        headers,
        partial: slow.body.subarray(0, 1000),
        timeoutMs: 1500,
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    const third = await raw(b.url, "/chat", { method: "POST", headers, body: slow.body });
    expect(third.status).toBe(429);
    expect(third.body).toContain("Banyak file sedang dikirim");
    await Promise.all(holding);
  });

  it("keeps /healthz answering in under a second through 2,000 polls with made-up cookies", async () => {
    bot = await webBot(GENEROUS, { polls: { perVisitor: 4, perIp: 30, total: 60 } });
    const b = bot;
    // Real visitors keep as many polls waiting as they may; more are answered at once.
    const visitors = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const v = new Browser(b.url);
        await v.get("/chat");
        return [...v.cookies].map(([k, val]) => `${k}=${val}`).join("; ");
      }),
    );
    const waiting = visitors.flatMap((cookie) =>
      Array.from({ length: 5 }, () =>
        raw(b.url, "/chat/api/messages?after=0", { headers: { cookie }, timeoutMs: 30_000 }),
      ),
    );
    for (let i = 0; i < 100 && (b.web?.waitingPolls ?? 0) < 30; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(b.web?.waitingPolls).toBe(30);

    const health: number[] = [];
    let flooding = true;
    const probe = (async () => {
      while (flooding) {
        const got = await raw(b.url, "/healthz", { timeoutMs: 5000 });
        expect(got.status).toBe(200);
        health.push(got.ms);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const flood = await floodFromWorker(
      b.url,
      Array.from({ length: 2000 }, (_, i) => ({
        path: "/chat/api/messages?after=0",
        cookie: `jr_chat=${forged(i)}`,
      })),
      20,
    );
    const page = await raw(b.url, "/chat", { headers: { cookie: visitors[0] as string } });
    flooding = false;
    await probe;
    expect(flood.statuses).toEqual({ 401: 2000 });
    expect(flood.closed).toBe(2000);
    expect(page.status).toBe(200);
    expect(health.length).toBeGreaterThan(0);
    expect(Math.max(...health)).toBeLessThan(1000);
    console.info(
      `poll flood: 2000 made-up polls in ${flood.ms} ms; /healthz max ${Math.round(Math.max(...health))} ms over ${health.length} probes`,
    );
    await b.web?.stop();
    const answered = await Promise.all(waiting);
    const busy = answered.filter((a) => a.body.includes('"retry"'));
    // 10 visitors × 5 polls: the fifth of each over the visitor cap, and all past 30 per address.
    expect(busy).toHaveLength(20);
    expect(busy.every((a) => a.headers.connection === "close")).toBe(true);
  });

  it("keeps memory flat under 150 parallel oversized bodies without a cookie", async () => {
    bot = await webBot(GENEROUS);
    const b = bot;
    const chunk = Buffer.alloc(256 * 1024, 1);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const bodies = await Promise.all(
      Array.from({ length: 150 }, () =>
        raw(b.url, "/chat", {
          method: "POST",
          headers: {
            "content-type": "multipart/form-data; boundary=x",
            "content-length": String(19.5 * MB),
          },
          partial: chunk,
        }),
      ),
    );
    // With a real visitor's cookie: a declared length past the limit is refused unread, and a
    // chunked body is cut off at the limit while it streams.
    const visitor = new Browser(b.url);
    await visitor.get("/chat");
    const cookie = [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const declared = await Promise.all(
      Array.from({ length: 20 }, () =>
        raw(b.url, "/chat", {
          method: "POST",
          headers: {
            cookie,
            "content-type": "multipart/form-data; boundary=x",
            "content-length": String(19.5 * MB),
          },
          partial: chunk,
        }),
      ),
    );
    const chunked = await Promise.all(
      Array.from({ length: 3 }, () =>
        raw(b.url, "/chat", {
          method: "POST",
          headers: { cookie, "content-type": "multipart/form-data; boundary=x" },
          stream: { chunk, count: 80 },
          timeoutMs: 20_000,
        }),
      ),
    );
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const growth = (peak - before) / MB;
    console.info(
      `oversized bodies: RSS ${Math.round(before / MB)} MB → peak ${Math.round(peak / MB)} MB (+${growth.toFixed(1)} MB)`,
    );
    expect(bodies.every((a) => a.status === 303)).toBe(true);
    expect(declared.every((a) => a.status === 413)).toBe(true);
    // Cut off mid-stream: a 413, or the connection closed under the sender.
    expect(chunked.every((a) => a.status === 413 || a.status === 400 || a.status === 0)).toBe(true);
    expect(growth).toBeLessThan(100);
    expect(readdirSync(b.mediaDir)).toEqual([]);
  });

  it("treats a made-up cookie as a new visitor, counted against the address", async () => {
    bot = await webBot({ WEB_CHAT_IP_MAX_PER_MINUTE: "3" });
    const b = bot;
    const pages = [];
    for (let i = 0; i < 5; i++) {
      pages.push(await raw(b.url, "/chat", { headers: { cookie: `jr_chat=${forged(i)}` } }));
    }
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 429, 429]);
    // Each admitted one got a cookie of the server's own, which works.
    const issued = String(pages[0]?.headers["set-cookie"]).match(/jr_chat=([^;]+)/)?.[1];
    expect(issued).toMatch(/^[\w-]{43}\.[\w-]{22}$/);
    const poll = await raw(b.url, "/chat/api/messages?after=0&wait=0", {
      headers: { cookie: `jr_chat=${issued}` },
    });
    expect(poll.status).toBe(200);
  });

  it("answers two visitors who use the same message id", async () => {
    bot = await webBot();
    const [a, b] = [new Browser(bot.url), new Browser(bot.url)];
    for (const v of [a, b]) await v.get("/chat");
    expect((await a.json("/chat/api/send", { text: "halo", mid: "collide-0001" })).status).toBe(
      200,
    );
    expect((await b.json("/chat/api/send", { text: "halo", mid: "collide-0001" })).status).toBe(
      200,
    );
    for (const v of [a, b]) {
      const got = await v.get("/chat/api/messages?after=0&wait=0");
      expect(got.text).toContain("Jalur Resmi");
      expect((JSON.parse(got.text) as { entries: unknown[] }).entries.length).toBeGreaterThan(1);
    }
  });

  it("builds embed.js from PUBLIC_URL or the script's own address, never the Host header", async () => {
    bot = await webBot();
    const got = await raw(bot.url, "/chat/embed.js", { headers: { host: "evil.example" } });
    expect(got.status).toBe(200);
    expect(got.body).not.toContain("evil.example");
    expect(got.body).toContain('new URL("/chat", script.src)');
  });
});

describe("console under anonymous requests", { timeout: 90_000 }, () => {
  it("adds a handful of audit rows for 20,000 requests from someone not signed in", async () => {
    bot = await webBot();
    const b = bot;
    const rows = () => b.app.store.db.prepare("SELECT count(*) FROM audit").pluck().get() as number;
    const before = rows();
    const requests = Array.from({ length: 20_000 }, (_, i) =>
      i % 2 === 0
        ? { method: "POST", path: `/console/${"x".repeat(200)}` }
        : { path: `/masuk/${randomUUID().replace(/-/g, "").padEnd(43, "Z")}` },
    );
    const flood = await floodFromWorker(b.url, requests, 20, true);
    const added = rows() - before;
    console.info(
      `anonymous flood: 20000 requests in ${flood.ms} ms, ${JSON.stringify(flood.statuses)}, +${added} audit rows`,
    );
    expect(flood.statuses[0]).toBeUndefined();
    expect(flood.statuses["429"]).toBeGreaterThan(19_000);
    expect(added).toBeLessThanOrEqual(5);
    // The rows count what happened.
    const counted = b.app.store.audit
      .latest(10)
      .filter((e) => e.actor === "web")
      .reduce((sum, e) => sum + Number(e.data?.count ?? 0), 0);
    expect(counted).toBeGreaterThan(0);
    // A staff member signed in from the same address is not throttled, and their actions are
    // audited one by one.
    const staff = await signIn(b);
    expect((await staff.get("/console")).status).toBe(200);
    const { ref } = await webCase(b);
    expect((await staff.get(`/console/kasus/${ref}`)).status).toBe(200);
    expect(
      b.app.store.audit.latest(5).some((e) => e.action === "case.view" && e.target === ref),
    ).toBe(true);
    // Refused requests of people not signed in are kept 90 days; staff actions stay.
    b.advance(91 * 86_400_000);
    const purge = b.app.store.purgeOld(Date.now() + 91 * 86_400_000, 365);
    expect(purge.audit).toBeGreaterThan(0);
    const left = b.app.store.audit.latest(100);
    expect(left.some((e) => e.actor === "web")).toBe(false);
    expect(left.some((e) => e.action === "console.signin")).toBe(true);
  });
});
