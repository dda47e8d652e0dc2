import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/db.ts";
import { Store } from "../../src/store/store.ts";

const SECRET_ADDRESS = "628999000111";
const SECRET_PHONE = "6281377788899";
const SECRET_TEXT = "rahasia-keluarga-xyz";

/** Every row of every table, as one JSON text per table. */
function dump(store: Store): Record<string, string> {
  const names = store.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    names.map((n) => [n, JSON.stringify(store.db.prepare(`SELECT * FROM "${n}"`).all())]),
  );
}

describe("erasing a user", () => {
  it("removes them from every table, deletes their media, and keeps cases without their identity", () => {
    const dir = mkdtempSync(join(tmpdir(), "jr-erase-"));
    try {
      const store = new Store(openDatabase(":memory:"));
      const media = join(dir, "voice.ogg");
      writeFileSync(media, "x");
      const now = 1_000;
      const user = store.users.touch("whatsapp", SECRET_ADDRESS, now);
      const other = store.users.touch("whatsapp", "628000", now);
      store.sessions.save(
        user.id,
        {
          v: 1,
          lang: "mad",
          langChosen: true,
          prompt: null,
          stack: [],
          vars: { phone: SECRET_PHONE },
          retries: 0,
          seq: 1,
          lastActive: now,
          mode: "bot",
        },
        60_000,
      );
      store.inbound.claim("whatsapp", "m1", now);
      store.messages.add(user.id, "in", "text", SECRET_TEXT, now);
      store.outbox.add(
        {
          userId: user.id,
          channel: "whatsapp",
          address: SECRET_ADDRESS,
          message: { text: SECRET_TEXT },
        },
        now,
      );
      store.outbox.add(
        { userId: other.id, channel: "whatsapp", address: "628000", message: { text: "kept" } },
        now,
      );
      const caseId = store.cases.open(
        {
          ref: "JR-ABCD",
          kind: "report",
          category: "lost_contact",
          priority: "high",
          answers: {
            what: "lost_contact",
            country: "malaysia",
            contact_phone: SECRET_PHONE,
            files: [{ kind: "voice", path: media }],
          },
          personal: ["contact_phone"],
          flow: "report",
        },
        { userId: user.id, channel: "whatsapp", address: SECRET_ADDRESS, lang: "mad" },
        now,
      );
      store.cases.event(caseId, now, "user", "message", { text: SECRET_TEXT });
      store.cases.event(caseId, now, "staff:1", "note", { text: "staff note" });
      store.cases.attach(caseId, user.id, { kind: "voice", path: media }, now);

      const erased = store.eraseUser(user.id, now + 1);
      expect(erased).toEqual({ files: [media], cases: 1 });
      rmSync(media);

      const tables = dump(store);
      for (const [table, rows] of Object.entries(tables)) {
        for (const secret of [SECRET_ADDRESS, SECRET_PHONE, SECRET_TEXT]) {
          expect(rows, `${table} still holds ${secret}`).not.toContain(secret);
        }
      }
      expect(store.users.find("whatsapp", SECRET_ADDRESS)).toBeUndefined();
      expect(store.sessions.load(user.id)).toBeNull();
      const kept = store.cases.byRef("JR-ABCD");
      expect(kept).toMatchObject({
        userId: null,
        reporterAddress: null,
        answers: { what: "lost_contact", country: "malaysia" },
      });
      expect(tables.attachments).toBe("[]");
      expect(tables.case_events).toContain("staff note");
      expect(tables.case_events).toContain("reporter_erased");
      expect(store.outbox.pending("whatsapp")).toBe(1);
      expect(existsSync(media)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
