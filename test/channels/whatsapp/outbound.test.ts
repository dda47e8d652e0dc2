import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { proto } from "@whiskeysockets/baileys";
import { afterEach, describe, expect, it } from "vitest";
import type { StaffInbound } from "../../../src/channels/channel.ts";
import { incoming } from "../../helpers/fake-whatsapp.ts";
import { STAFF_GROUP, type WhatsAppBot, whatsappBot } from "../../helpers/whatsapp-bot.ts";

const PN = "6281234567890@s.whatsapp.net";
const STAFF_LID = "444000111222333@lid";
const STAFF_PN = "6287700000001@s.whatsapp.net";

let bot: WhatsAppBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

function outboxRow(b: WhatsAppBot, id: number) {
  return b.app.store.db
    .prepare("SELECT attempts, sent_at, failed_at, error FROM outbox WHERE id = ?")
    .get(id) as {
    attempts: number;
    sent_at: number | null;
    failed_at: number | null;
    error: string;
  };
}

async function greet(b: WhatsAppBot): Promise<string> {
  b.sock.upsert([incoming({ from: PN, text: "halo" })]);
  await b.settle();
  const identity = b.app.store.whatsapp.identities.findByJid(PN);
  if (!identity) throw new Error("no identity");
  return identity.address;
}

describe("WhatsApp outbound", () => {
  it("never starts a chat with someone who has not written first", async () => {
    bot = await whatsappBot();
    const b = bot;
    const id = b.app.store.outbox.add(
      { userId: null, channel: "whatsapp", address: "wa:42", message: { text: "Halo!" } },
      b.clock.now(),
    );
    await b.app.delivery.flushAll();
    expect(b.sock.sent).toEqual([]);
    const row = outboxRow(b, id);
    expect(row.failed_at).not.toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.error).toMatch(/never wrote/);
  });

  it("does not retry a message WhatsApp refused with 463", async () => {
    bot = await whatsappBot();
    const b = bot;
    const address = await greet(b);
    b.sock.onSend = (record) => {
      b.sock.emit("messages.update", [
        {
          key: { remoteJid: record.jid, fromMe: true, id: record.id },
          update: { status: proto.WebMessageInfo.Status.ERROR, messageStubParameters: ["463"] },
        },
      ]);
    };
    const before = b.sock.sent.length;
    const id = b.app.store.outbox.add(
      { userId: null, channel: "whatsapp", address, message: { text: "Jawaban petugas" } },
      b.clock.now(),
    );
    await b.app.delivery.flushAll();
    b.clock.advance(60_000);
    await b.app.delivery.flushAll();
    expect(b.sock.sent.length - before).toBe(1);
    const row = outboxRow(b, id);
    expect(row.failed_at).not.toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.error).toMatch(/463/);
  });

  it("retries a send that failed because the connection closed, after reconnecting", async () => {
    bot = await whatsappBot();
    const b = bot;
    const address = await greet(b);
    const first = b.sock;
    first.onSend = () => {
      throw Object.assign(new Error("Connection Closed"), { output: { statusCode: 428 } });
    };
    const id = b.app.store.outbox.add(
      { userId: null, channel: "whatsapp", address, message: { text: "Satu lagi" } },
      b.clock.now(),
    );
    await b.app.delivery.flushAll();
    expect(outboxRow(b, id).sent_at).toBeNull();
    first.close(428);
    await new Promise((r) => setTimeout(r, 20));
    b.sock.open();
    b.clock.advance(10_000);
    await b.app.delivery.flushAll();
    expect(outboxRow(b, id).sent_at).not.toBeNull();
    expect(b.sock.texts(PN)).toEqual(["Satu lagi"]);
  });

  it("waits while disconnected and sends once the connection is back", async () => {
    bot = await whatsappBot();
    const b = bot;
    const address = await greet(b);
    b.sock.close(503);
    const id = b.app.store.outbox.add(
      { userId: null, channel: "whatsapp", address, message: { text: "Nanti" } },
      b.clock.now(),
    );
    const flushing = b.app.delivery.flushAll();
    await new Promise((r) => setTimeout(r, 20));
    expect(outboxRow(b, id).sent_at).toBeNull();
    b.sock.open();
    await flushing;
    expect(outboxRow(b, id).sent_at).not.toBeNull();
  });

  it("serves WhatsApp's retry requests from the messages it stored when sending", async () => {
    bot = await whatsappBot();
    const b = bot;
    await greet(b);
    const last = b.sock.sent.at(-1);
    const message = await b.sock.params.getMessage({ id: last?.id ?? "", remoteJid: PN });
    expect(message).toBeInstanceOf(proto.Message);
    expect(message?.extendedTextMessage?.text).toBe(
      last && "text" in last.content ? last.content.text : "x",
    );
    expect(await b.sock.params.getMessage({ id: "unknown" })).toBeUndefined();
  });

  it("sends a message's media with the text as its caption", async () => {
    bot = await whatsappBot();
    const b = bot;
    const address = await greet(b);
    const photo = join(b.dir, "photo.jpg");
    writeFileSync(photo, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const voice = join(b.dir, "voice.ogg");
    writeFileSync(voice, "OggS");
    const before = b.sock.sent.length;
    for (const message of [
      { text: "Foto dari pelapor", media: { kind: "photo" as const, path: photo } },
      {
        text: "Pesan suara",
        media: { kind: "voice" as const, path: voice, mime: "audio/ogg; codecs=opus" },
      },
      {
        text: "File sudah dihapus",
        media: { kind: "photo" as const, path: join(b.dir, "gone.jpg") },
      },
    ]) {
      b.app.store.outbox.add(
        { userId: null, channel: "whatsapp", address, message },
        b.clock.now(),
      );
    }
    await b.app.delivery.flushAll();
    const sent = b.sock.sent.slice(before).map((s) => s.content);
    expect(sent).toEqual([
      { image: { url: photo }, caption: "Foto dari pelapor" },
      { text: "Pesan suara" },
      { audio: { url: voice }, ptt: true, mimetype: "audio/ogg; codecs=opus" },
      { text: "File sudah dihapus" },
    ]);
  });

  it("passes staff-group messages to the staff desk and delivers to the group", async () => {
    const seen: StaffInbound[] = [];
    bot = await whatsappBot({
      receiveStaff: async (m) => {
        seen.push(m);
      },
    });
    const b = bot;
    // The bot posts a case card to the staff group…
    const card = b.app.store.outbox.add(
      {
        userId: null,
        channel: "whatsapp",
        address: STAFF_GROUP,
        message: { text: "Kasus JR-ABCD" },
      },
      b.clock.now(),
    );
    await b.app.delivery.flushAll();
    const cardMessage = b.sock.sent.at(-1);
    expect(cardMessage?.jid).toBe(STAFF_GROUP);
    // …and a staff member replies to it, from a LID with the number as the alternate.
    const reply = incoming({
      from: STAFF_LID,
      alt: STAFF_PN,
      group: STAFF_GROUP,
      pushName: "Bu Ani",
      message: {
        extendedTextMessage: {
          text: "Saya tangani",
          contextInfo: { stanzaId: cardMessage?.id ?? null },
        },
      },
    });
    b.sock.upsert([reply]);
    b.sock.upsert([reply], "append"); // seen twice: passed on once
    await b.settle();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual({
      channel: "whatsapp",
      chat: STAFF_GROUP,
      // Staff are known by phone number: the LID's alternate gives it.
      sender: "6287700000001",
      senderName: "Bu Ani",
      messageId: reply.key.id,
      text: "Saya tangani",
      replyTo: { ref: card },
    });
    // A staff photo is downloaded for the desk; the group's messages never reach the flows.
    const photo = incoming({
      from: STAFF_LID,
      group: STAFF_GROUP,
      message: { imageMessage: { mimetype: "image/jpeg", fileLength: 4, caption: "bukti" } },
    });
    b.sock.media.set(photo.key.id as string, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    b.sock.lidToPn.set(STAFF_LID, STAFF_PN);
    b.sock.upsert([photo]);
    await b.settle();
    expect(seen[1]?.media).toMatchObject({ kind: "photo", caption: "bukti", mime: "image/jpeg" });
    expect(seen[1]?.text).toBe("bukti");
    expect(seen[1]?.sender).toBe("6287700000001");
    expect(b.app.store.db.prepare("SELECT count(*) AS n FROM users").get()).toEqual({ n: 0 });
  });
});
