import { randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { png } from "../../helpers/png.ts";
import { Browser, hidden, signIn, type WebBot, webBot, webCase } from "../../helpers/web.ts";

let bot: WebBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const optionIds = (page: string) =>
  [...page.matchAll(/<button type="submit" name="choice" value="([^"]+)">(\d+)\. /g)].map((m) => [
    m[1],
    m[2],
  ]);

describe("web chat", () => {
  it("works without JavaScript: form posts, the bot's answers on reload, options as numbered buttons", async () => {
    bot = await webBot();
    const visitor = new Browser(bot.url);
    const first = await visitor.get("/chat");
    expect(first.status).toBe(200);
    const cookie = first.headers.getSetCookie().find((c) => c.startsWith("jr_chat="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(first.text).toContain('<label for="text"');
    expect(first.headers.get("content-security-policy")).toContain("script-src 'self'");

    const mid = hidden(first.text, "mid") as string;
    expect((await visitor.post("/chat", { text: "halo", mid })).status).toBe(303);
    // The same form sent twice (a reload after posting) is handled once.
    expect((await visitor.post("/chat", { text: "halo", mid })).status).toBe(303);
    const page = (await visitor.get("/chat")).text;
    expect(page.match(/<li class="in"/g)).toHaveLength(1);
    expect(page).toContain("Ini Jalur Resmi");
    const options = optionIds(page);
    expect(options[0]).toEqual(["legal_steps", "1"]);
    expect(options.map(([id]) => id)).toContain("report");

    // Tapping a button sends the option's id; typing its number works too.
    const prompt = hidden(page, "prompt") as string;
    await visitor.post("/chat", { choice: "contacts", prompt, mid: randomUUID() });
    const contacts = (await visitor.get("/chat")).text;
    expect(contacts).toContain("Nomor penting dan alamat kantor");
    const address = bot.app.store.db
      .prepare("SELECT address FROM users WHERE channel = 'web'")
      .pluck()
      .get();
    expect(address).toMatch(/^w[0-9a-f]{32}$/);
    // The cookie's value is nowhere in the database.
    const id = visitor.cookies.get("jr_chat") as string;
    const dump = JSON.stringify(bot.app.store.db.prepare("SELECT * FROM users").all());
    expect(dump).not.toContain(id);
  });

  it("speaks the chosen language: page texts and the bot's first answer", async () => {
    bot = await webBot();
    const visitor = new Browser(bot.url);
    const page = await visitor.get("/chat?lang=mad");
    expect(page.text).toContain('<html lang="mad">');
    expect(page.text).toContain("Kèrèm");
    // Fully Madurese intro, and an honest line that the Madurese is still being reviewed.
    expect(page.text).toContain("Atanya caraèpon alako ka lowar nagârâ sè resmi");
    expect(page.text).toContain("ghi&#39; èparèksa orèng Madhurâ asli");
    expect(page.text).not.toContain("kata sandi");
    await visitor.post("/chat", { text: "halo", mid: randomUUID() });
    expect((await visitor.get("/chat")).text).toContain("Ka&#39;dinto Jalur Resmi");
  });

  it("delivers to the browser by long polling: a staff reply arrives while the page waits", async () => {
    bot = await webBot();
    const { visitor, ref } = await webCase(bot);
    const after = Number(/data-after="(\d+)"/.exec((await visitor.get("/chat")).text)?.[1]);
    const waiting = visitor.get(`/chat/api/messages?after=${after}`);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await bot.app.act(
      { actor: "telegram:111", name: "Bu Rina" },
      { name: "balas", ref, text: "Kami sedang menghubungi KBRI." },
    );
    const got = JSON.parse((await waiting).text) as {
      entries: { direction: string; message: { text: string } }[];
    };
    expect(Date.now() - started).toBeLessThan(2000);
    expect(got.entries.map((e) => e.message.text).join("\n")).toContain(
      "Kami sedang menghubungi KBRI.",
    );
    // The JSON endpoint sends too.
    const sent = await visitor.json("/chat/api/send", {
      text: "Baik, saya tunggu",
      mid: randomUUID(),
    });
    expect(sent.status).toBe(200);
    const events = bot.app.store.cases.events(bot.app.store.cases.byRef(ref)?.id ?? 0);
    expect(events.at(-1)).toMatchObject({
      type: "user_message",
      data: { text: "Baik, saya tunggu" },
    });
  });

  it("limits messages per visitor and per IP address", async () => {
    bot = await webBot({ WEB_CHAT_MAX_PER_MINUTE: "3", WEB_CHAT_IP_MAX_PER_MINUTE: "4" });
    const visitor = new Browser(bot.url);
    await visitor.get("/chat");
    for (let i = 0; i < 3; i++)
      expect((await visitor.post("/chat", { text: `halo ${i}`, mid: randomUUID() })).status).toBe(
        303,
      );
    const limited = await visitor.post("/chat", { text: "lagi", mid: randomUUID() });
    expect(limited.status).toBe(429);
    expect(limited.text).toContain("Terlalu banyak pesan");
    expect((await visitor.json("/chat/api/send", { text: "lagi" })).status).toBe(429);
    // After a minute the visitor may write again.
    bot.advance(61_000);
    expect((await visitor.post("/chat", { text: "lagi", mid: randomUUID() })).status).toBe(303);
    // New visitors from the same address count against it too (4 per minute here).
    const others = [new Browser(bot.url), new Browser(bot.url)];
    for (const o of others) expect((await o.get("/chat")).status).toBe(200);
    await others[0]?.post("/chat", { text: "a", mid: randomUUID() });
    expect((await others[1]?.post("/chat", { text: "b", mid: randomUUID() }))?.status).toBe(429);
    expect((await new Browser(bot.url).get("/chat")).status).toBe(429);
  });

  it("refuses posts from other sites and posts without a chat cookie", async () => {
    bot = await webBot();
    const visitor = new Browser(bot.url);
    await visitor.get("/chat");
    const cross = await visitor.post(
      "/chat",
      { text: "halo", mid: randomUUID() },
      { origin: "https://evil.example" },
    );
    expect(cross.status).toBe(403);
    // "null" is what sandboxed frames send; a browser on our page sends our origin.
    const opaque = await visitor.post(
      "/chat",
      { text: "halo", mid: randomUUID() },
      { origin: "null" },
    );
    expect(opaque.status).toBe(403);
    const ours = await visitor.post(
      "/chat",
      { text: "halo", mid: randomUUID() },
      { origin: bot.url },
    );
    expect(ours.status).toBe(303);
    // Pages ask browsers to keep sending their origin with form posts.
    expect((await visitor.get("/chat")).headers.get("referrer-policy")).toBe("same-origin");
    const huge = await visitor.json("/chat/api/send", { text: "x".repeat(100_000) });
    expect(huge.status).toBe(413);
    const stranger = new Browser(bot.url);
    expect((await stranger.post("/chat", { text: "halo" })).status).toBe(303);
    expect((await stranger.json("/chat/api/send", { text: "halo" })).status).toBe(401);
    expect(bot.app.store.db.prepare("SELECT count(*) FROM users").pluck().get()).toBe(1);
  });

  it("keeps server file paths out of the browser: media in a staff reply is left out", async () => {
    bot = await webBot();
    const { visitor, ref } = await webCase(bot);
    await bot.app.act(
      { actor: "telegram:111", name: "Bu Rina" },
      {
        name: "balas",
        ref,
        text: "Lihat foto ini",
        media: { kind: "photo", path: "/srv/secret/media/x.jpg", fileId: "tg-file" },
      },
    );
    const got = await visitor.get("/chat/api/messages?after=0&wait=0");
    expect(got.text).toContain("Lihat foto ini");
    expect(got.text).not.toContain("/srv/secret");
    expect(got.text).not.toContain("tg-file");
  });

  it("takes a photo for the case: stored privately, shown inline to staff, erased with the user", async () => {
    bot = await webBot({ WEB_CHAT_MEDIA_MAX_MB: "1" });
    const { visitor, ref } = await webCase(bot);
    const photo = png();
    const form = new FormData();
    form.set("mid", randomUUID());
    form.set("text", "Foto kontraknya");
    form.set("file", new Blob([new Uint8Array(photo)], { type: "image/png" }), "kontrak.png");
    expect((await visitor.multipart("/chat", form)).status).toBe(303);
    expect((await visitor.get("/chat")).text).toContain("🖼️ Foto kontraknya");
    const record = bot.app.store.cases.byRef(ref);
    const [attachment] = bot.app.store.cases.attachments(record?.id ?? 0);
    expect(attachment).toMatchObject({
      kind: "photo",
      mime: "image/png",
      caption: "Foto kontraknya",
    });
    const file = attachment?.path as string;
    expect(file.startsWith(bot.mediaDir)).toBe(true);
    const { statSync } = await import("node:fs");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Staff see it in the console, and in their chat (the desk relays it).
    const staff = await signIn(bot);
    expect((await staff.get(`/console/kasus/${ref}`)).text).toContain(
      `<img src="/console/media/${attachment?.id}"`,
    );
    const served = await staff.get(`/console/media/${attachment?.id}`);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(bot.telegram.sent.some((o) => o.message.media?.path === file)).toBe(true);

    // Refused: another type, and too large; nothing is kept of either.
    const html = new FormData();
    html.set("mid", randomUUID());
    html.set("file", new Blob(["<script>"], { type: "text/html" }), "x.html");
    const wrong = await visitor.multipart("/chat", html);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("Jenis file ini tidak bisa dikirim");
    const big = new FormData();
    big.set("mid", randomUUID());
    big.set("file", new Blob([new Uint8Array(1_200_000)], { type: "image/jpeg" }), "big.jpg");
    const large = await visitor.multipart("/chat", big);
    expect(large.status).toBe(413);
    expect(large.text).toContain("File terlalu besar");
    expect(readdirSync(bot.mediaDir)).toHaveLength(1);

    await visitor.post("/chat", { text: "hapus", mid: randomUUID() });
    await visitor.post("/chat", { text: "ya", mid: randomUUID() });
    expect(existsSync(file)).toBe(false);
  });

  it("serves the embeddable snippet, pointing at the chat", async () => {
    bot = await webBot({ PUBLIC_URL: "https://bot.example.org" });
    const got = await new Browser(bot.url).get("/chat/embed.js?lang=mad");
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toContain("javascript");
    expect(got.text).toContain('"https://bot.example.org/chat"');
    expect(got.text).toContain("Chat sareng Jalur Resmi");
  });

  it("erases the browser's transcript when the user erases their data", async () => {
    bot = await webBot();
    const visitor = new Browser(bot.url);
    await visitor.get("/chat");
    await visitor.post("/chat", { text: "rahasia-keluarga-xyz", mid: randomUUID() });
    await visitor.post("/chat", { text: "hapus", mid: randomUUID() });
    await visitor.post("/chat", { text: "ya", mid: randomUUID() });
    const rows = JSON.stringify(bot.app.store.db.prepare("SELECT * FROM web_chat").all());
    expect(rows).not.toContain("rahasia-keluarga-xyz");
    expect(bot.app.store.db.prepare("SELECT count(*) FROM users").pluck().get()).toBe(0);
  });

  it("answers waiting polls and refuses new messages once stopped", async () => {
    bot = await webBot();
    const visitor = new Browser(bot.url);
    await visitor.get("/chat");
    const waiting = visitor.get("/chat/api/messages?after=0");
    await new Promise((r) => setTimeout(r, 50));
    await bot.web?.stop();
    expect((await waiting).status).toBe(200);
    expect((await visitor.post("/chat", { text: "halo", mid: randomUUID() })).status).toBe(503);
  });
});
