import { describe, expect, it } from "vitest";
import { textWithOptions } from "../../../src/channels/numbered-options.ts";
import { scrub } from "../../../src/channels/whatsapp/baileys-logger.ts";
import { contentOf, quotedIdOf, readMessage } from "../../../src/channels/whatsapp/inbound.ts";
import { incoming } from "../../helpers/fake-whatsapp.ts";

describe("reading WhatsApp messages", () => {
  it("reads text, extended text, captions and wrapped messages", () => {
    expect(contentOf({ conversation: "halo" })).toEqual({ type: "text", text: "halo" });
    expect(contentOf({ extendedTextMessage: { text: "cek https://x.id" } })).toEqual({
      type: "text",
      text: "cek https://x.id",
    });
    expect(contentOf({ ephemeralMessage: { message: { conversation: "hilang" } } })).toEqual({
      type: "text",
      text: "hilang",
    });
    expect(
      contentOf({
        viewOnceMessageV2: {
          message: { imageMessage: { mimetype: "image/jpeg", caption: " ktp " } },
        },
      }),
    ).toMatchObject({ type: "media", kind: "photo", caption: "ktp", mime: "image/jpeg" });
    expect(
      contentOf({
        documentWithCaptionMessage: {
          message: {
            documentMessage: {
              mimetype: "application/pdf",
              fileName: "kontrak.pdf",
              caption: "ini",
              fileLength: 99,
            },
          },
        },
      }),
    ).toMatchObject({
      type: "media",
      kind: "document",
      fileName: "kontrak.pdf",
      caption: "ini",
      size: 99,
    });
    expect(
      contentOf({ audioMessage: { ptt: true, mimetype: "audio/ogg; codecs=opus" } }),
    ).toMatchObject({
      kind: "voice",
    });
    expect(contentOf({ audioMessage: { mimetype: "audio/mpeg" } })).toMatchObject({
      kind: "audio",
    });
    expect(contentOf({ buttonsResponseMessage: { selectedDisplayText: "Ya" } })).toEqual({
      type: "text",
      text: "Ya",
    });
  });

  it("names what it cannot use, and stays silent on protocol traffic", () => {
    expect(contentOf({ stickerMessage: {} })).toEqual({ type: "unsupported", what: "sticker" });
    expect(contentOf({ contactMessage: {} })).toEqual({ type: "unsupported", what: "contact" });
    expect(contentOf({ pollCreationMessageV3: {} })).toEqual({ type: "unsupported", what: "poll" });
    expect(contentOf({ liveLocationMessage: {} })).toEqual({
      type: "unsupported",
      what: "location",
    });
    expect(contentOf({ groupInviteMessage: {} })).toEqual({ type: "unsupported", what: "other" });
    expect(contentOf({ protocolMessage: {} })).toBe("silent");
    expect(contentOf({ reactionMessage: {} })).toBe("silent");
    expect(contentOf({ senderKeyDistributionMessage: {} })).toBe("silent");
    expect(contentOf(undefined)).toBe("silent");
  });

  it("finds the quoted message id and normalises device JIDs", () => {
    expect(
      quotedIdOf({ extendedTextMessage: { text: "ok", contextInfo: { stanzaId: "ABC" } } }),
    ).toBe("ABC");
    const read = readMessage(
      incoming({
        from: "123456789012345:12@lid",
        alt: "6281234567890:3@s.whatsapp.net",
        text: "x",
      }),
      undefined,
    );
    expect(read).toMatchObject({
      kind: "user",
      chat: "123456789012345@lid",
      sender: { lid: "123456789012345@lid", pn: "6281234567890@s.whatsapp.net" },
    });
  });

  it("numbers options as lines of text", () => {
    expect(
      textWithOptions({
        text: "Pilih:",
        options: [
          { id: "a", label: "Satu" },
          { id: "b", label: "Dua" },
        ],
      }),
    ).toBe("Pilih:\n\n1. Satu\n2. Dua");
    expect(textWithOptions({ text: "Tanpa pilihan" })).toBe("Tanpa pilihan");
  });

  it("keeps phone numbers and WhatsApp ids out of the library's logs", () => {
    expect(scrub("error 463 from 6281234567890@s.whatsapp.net and 123456789012345:3@lid")).toBe(
      "error 463 from <jid> and <jid>",
    );
    expect(scrub("number 6281234567890 in text")).toBe("number <digits> in text");
  });
});
