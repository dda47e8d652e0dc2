import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { incoming } from "../../helpers/fake-whatsapp.ts";
import { type WhatsAppBot, whatsappBot } from "../../helpers/whatsapp-bot.ts";

const PN = "6281234567890@s.whatsapp.net";
const LID = "123456789012345@lid";

/** A short Ogg/Opus voice note: the bytes start like one. */
const VOICE = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(2000, 1)]);

let bot: WhatsAppBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function say(b: WhatsAppBot, from: string, text: string, alt?: string): Promise<string[]> {
  const before = b.sock.sent.length;
  b.clock.advance(1_000);
  b.sock.upsert([incoming({ from, text, ...(alt ? { alt } : {}) })]);
  await b.settle();
  return b.sock.texts().slice(before);
}

function users(b: WhatsAppBot): { id: number; address: string }[] {
  return b.app.store.db
    .prepare("SELECT id, address FROM users WHERE channel = 'whatsapp'")
    .all() as { id: number; address: string }[];
}

describe("WhatsApp conversation through a fake socket", () => {
  it("takes a report made of a voice note to a case, and erases it on request", async () => {
    bot = await whatsappBot();
    const b = bot;
    const greeting = await say(b, PN, "halo");
    expect(greeting.join("\n")).toContain("Jalur Resmi");
    // Options are numbered lines in the text: WhatsApp shows no buttons from unofficial clients.
    const menu = greeting.at(-1) ?? "";
    expect(menu).toMatch(/\n1\. .+\n2\. .+\n3\. .+\n4\. .+/);
    expect(b.sock.sent.every((s) => "text" in s.content && s.jid === PN)).toBe(true);
    // The message was marked read, and "typing…" shown before replies.
    expect(b.sock.read.map((k) => k.remoteJid)).toEqual([PN]);
    expect(b.sock.presence.filter((p) => p.type === "composing").length).toBeGreaterThan(1);

    // The real report flow: consent, what happened, about whom, where, since when … then media.
    const start = await say(b, PN, "lapor");
    expect(start.join("\n")).toContain("Apakah Anda setuju?");
    for (const answer of [
      "ya",
      "1",
      "1",
      "1",
      "lewati",
      "sejak lebaran",
      "lewati",
      "tidak",
      // Is a call safe? "Hanya chat": no phone number is asked.
      "1",
    ]) {
      await say(b, PN, answer);
    }
    const ask = await say(b, PN, "lewati");
    expect(ask.join("\n")).toContain("pesan suara");

    const voice = incoming({
      from: PN,
      message: {
        audioMessage: {
          ptt: true,
          mimetype: "audio/ogg; codecs=opus",
          fileLength: VOICE.length,
          seconds: 4,
        },
      },
    });
    b.sock.media.set(voice.key.id as string, VOICE);
    const before = b.sock.sent.length;
    b.sock.upsert([voice]);
    await b.settle();
    const done = b.sock.texts().slice(before).join("\n");
    expect(done).toMatch(/JR-[A-Z0-9]+/);

    const [record] = b.app.store.cases.ofUser(users(b)[0]?.id ?? -1);
    expect(record?.kind).toBe("report");
    const files = record?.answers.files as { kind: string; path: string; mime: string }[];
    expect(files).toHaveLength(1);
    expect(files[0]?.kind).toBe("voice");
    expect(files[0]?.mime).toBe("audio/ogg; codecs=opus");
    expect(files[0]?.path.startsWith(join(b.dir, "media"))).toBe(true);
    expect(existsSync(files[0]?.path ?? "")).toBe(true);
    const attachments = b.app.store.db
      .prepare("SELECT case_id, kind, path FROM attachments")
      .all() as { case_id: number | null; kind: string; path: string }[];
    expect(attachments).toEqual([{ case_id: record?.id, kind: "voice", path: files[0]?.path }]);

    // "hapus" then "ya": the file, the person's WhatsApp identity and the sent log go.
    await say(b, PN, "hapus");
    const erased = await say(b, PN, "ya");
    expect(erased.join("\n")).toContain("dihapus");
    expect(existsSync(files[0]?.path ?? "")).toBe(false);
    expect(readdirSync(join(b.dir, "media"))).toEqual([]);
    expect(b.app.store.whatsapp.identities.findByJid(PN)).toBeUndefined();
    expect(b.app.store.db.prepare("SELECT count(*) AS n FROM wa_sent").get()).toEqual({ n: 0 });
  });

  it("keeps one user when the same person writes by phone number, then by LID", async () => {
    bot = await whatsappBot();
    const b = bot;
    await say(b, PN, "halo");
    await say(b, PN, "petugas"); // the bot now waits for the question for staff
    // WhatsApp switches the chat to the LID, naming the phone number as the alternate.
    const reply = await say(b, LID, "Anak saya belum pulang dari Malaysia", PN);
    expect(reply.join("\n")).toMatch(/JR-[A-Z0-9]+/);
    expect(users(b)).toHaveLength(1);
    const [user] = users(b);
    expect(b.app.store.cases.ofUser(user?.id ?? -1)).toHaveLength(1);
    // Replies go to the JID the person last wrote from.
    expect(b.sock.sent.at(-1)?.jid).toBe(LID);
    const identity = b.app.store.whatsapp.identities.find(user?.address ?? "");
    expect(identity).toMatchObject({ lid: LID, pn: PN, replyJid: LID });
  });

  it("links phone number and LID from a mapping event, and merges two users it proves one", async () => {
    bot = await whatsappBot();
    const b = bot;
    await say(b, PN, "halo");
    await say(b, PN, "petugas");
    // A LID message without the alternate field: a second user at first…
    const other = "555000111222333@lid";
    await say(b, other, "halo");
    expect(users(b)).toHaveLength(2);
    // …until WhatsApp tells the pair: the two become one user, in the conversation they had
    // most recently (the menu), under the older address.
    b.sock.emit("lid-mapping.update", { lid: other, pn: PN });
    expect(users(b)).toHaveLength(1);
    await say(b, other, "petugas");
    const answer = await say(b, PN, "Pertanyaan saya tentang paspor");
    expect(answer.join("\n")).toMatch(/JR-[A-Z0-9]+/);
    expect(users(b)).toHaveLength(1);
    expect(users(b)[0]?.address).toBe("wa:1");

    // The history sync's mappings link too: someone known by LID, later writing by number.
    await say(b, LID, "halo");
    expect(users(b)).toHaveLength(2);
    const pn2 = "6289999999999@s.whatsapp.net";
    b.sock.emit("messaging-history.set", {
      chats: [],
      contacts: [],
      messages: [],
      lidPnMappings: [{ lid: LID, pn: pn2 }],
    });
    await say(b, pn2, "petugas");
    expect(users(b)).toHaveLength(2);
    // And contacts that carry both forms.
    const lid3 = "777000111222333@lid";
    await say(b, lid3, "halo");
    b.sock.emit("contacts.upsert", [{ id: lid3, phoneNumber: "6285555555555@s.whatsapp.net" }]);
    await say(b, "6285555555555@s.whatsapp.net", "petugas");
    expect(users(b)).toHaveLength(3);
  });

  it("learns the other form from the library's LID mapping when a message names only one", async () => {
    bot = await whatsappBot();
    const b = bot;
    await say(b, PN, "halo");
    b.sock.lidToPn.set(LID, PN);
    await say(b, LID, "petugas");
    expect(users(b)).toHaveLength(1);
  });

  it("answers an 'append' backlog after a reconnect once, and a duplicate id never twice", async () => {
    bot = await whatsappBot();
    const b = bot;
    const first = incoming({ from: PN, text: "halo" });
    b.sock.upsert([first]);
    await b.settle();
    const greeted = b.sock.sent.length;
    expect(greeted).toBeGreaterThan(0);

    const old = b.sock;
    old.close(408); // connection lost
    await new Promise((r) => setTimeout(r, 20)); // backoff of a few ms in tests
    expect(b.factory.sockets).toHaveLength(2);
    b.sock.open();
    // While offline the person wrote "petugas"; WhatsApp replays it (and "halo" again) as 'append'.
    const queued = incoming({ from: PN, text: "petugas" });
    b.sock.upsert([first, queued, queued], "append");
    await b.settle();
    const after = b.sock.texts();
    expect(after).toHaveLength(1);
    expect(after[0]).toContain("tulis pertanyaan");
    // The same backlog once more (a second reconnect): nothing new.
    b.sock.upsert([first, queued], "notify");
    await b.settle();
    expect(b.sock.texts()).toHaveLength(1);
    expect(b.app.store.db.prepare("SELECT count(*) AS n FROM inbound").get()).toEqual({ n: 2 });
  });

  it("ignores its own messages, status posts, newsletters, broadcasts, other groups and undecryptable stubs", async () => {
    bot = await whatsappBot();
    const b = bot;
    b.sock.upsert(
      [
        incoming({ from: PN, text: "halo", fromMe: true }),
        incoming({ from: "status@broadcast", text: "halo" }),
        incoming({ from: "120363111111111111@newsletter", text: "halo" }),
        incoming({ from: "1234567890@broadcast", text: "halo" }),
        incoming({ from: LID, group: "120363999999999999@g.us", text: "halo" }),
        incoming({ from: PN, stub: 2 }), // CIPHERTEXT: could not be decrypted
        incoming({ from: PN, message: { reactionMessage: { text: "👍" } } }),
        incoming({ from: PN, message: { protocolMessage: { type: 0 } } }),
      ],
      "append",
    );
    await b.settle();
    expect(b.sock.sent).toEqual([]);
    expect(users(b)).toEqual([]);
  });

  it("acknowledges stickers, locations and media it cannot keep", async () => {
    bot = await whatsappBot({ maxBytes: 1000 });
    const b = bot;
    await say(b, PN, "halo");
    const send = async (message: Parameters<typeof incoming>[0]["message"], bytes?: Buffer) => {
      const msg = incoming({ from: PN, ...(message ? { message } : {}) });
      if (bytes) b.sock.media.set(msg.key.id as string, bytes);
      const before = b.sock.sent.length;
      b.sock.upsert([msg]);
      await b.settle();
      return b.sock.texts().slice(before).join("\n");
    };
    expect(await send({ stickerMessage: {} })).toContain("stiker");
    expect(await send({ locationMessage: { degreesLatitude: -7.1 } })).toContain("Lokasi");
    // Too large (declared), a PDF that is really something else, an executable "document".
    // Each is told why, so a family does not conclude that PDFs are not accepted.
    expect(
      await send({ videoMessage: { mimetype: "video/mp4", fileLength: 5_000_000 } }),
    ).toContain("File ini terlalu besar");
    expect(
      await send(
        { documentMessage: { mimetype: "application/pdf", fileLength: 10 } },
        Buffer.from("MZ\u0000\u0000 not a pdf"),
      ),
    ).toContain("isinya tidak sesuai jenis filenya");
    expect(
      await send(
        {
          documentMessage: { mimetype: "application/vnd.android.package-archive", fileLength: 10 },
        },
        Buffer.from("PK\u0003\u0004"),
      ),
    ).toContain("Jenis file ini tidak bisa saya terima");
    // A declared size that lies is cut at the limit; the caption is still read.
    const lie = await send(
      { imageMessage: { mimetype: "image/jpeg", fileLength: 10, caption: "menu" } },
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5000)]),
    );
    expect(lie).toContain("File ini terlalu besar");
    expect(lie).toMatch(/\n1\. /);
    expect(existsSync(join(b.dir, "media")) ? readdirSync(join(b.dir, "media")) : []).toEqual([]);
  });
});
