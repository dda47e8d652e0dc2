import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testBot } from "../helpers/app.ts";

const USERS = ["user:u1", "user:u2", "user:u3", "user:6281234567890"];
const STAFF = ["staff:s1", "staff:s2"];
const WORDS = [
  "halo",
  "0",
  "1",
  "2",
  "3",
  "4",
  "9",
  "bahasa",
  "basa",
  "hapus",
  "ya",
  "tidak",
  "petugas",
  "bantuan",
  "menu",
  "lewati",
  "cek JR-ABCD",
  "/start",
  "/start report",
  "engghi",
  "bhunten",
];
const NASTY = [
  "'; DROP TABLE users; --",
  "\u0000\u0001\u0007\u001b[31m",
  "{{contacts.polri.phone}}",
  "<script>alert(1)</script>",
  "\u202e\u200b\ufeff",
  "🙏🏽🇮🇩👨‍👩‍👧",
  "0".repeat(40),
];

type Event =
  | { kind: "text"; user: string; text: string }
  | { kind: "choice"; user: string; pick: number; raw: string }
  | { kind: "media"; user: string; media: string; caption?: string }
  | { kind: "staff"; staff: string; text: string; reply: number };

const text = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 4000, maxLength: 100_000 }) },
);
const event: fc.Arbitrary<Event> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("text" as const),
      user: fc.constantFrom(...USERS),
      text,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("choice" as const),
      user: fc.constantFrom(...USERS),
      pick: fc.nat(12),
      raw: fc.string({ maxLength: 30 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant("media" as const),
        user: fc.constantFrom(...USERS),
        media: fc.constantFrom("photo", "voice", "document", "video", "sticker", "location"),
        caption: fc.option(text, { nil: undefined }),
      },
      { requiredKeys: ["kind", "user", "media"] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("staff" as const),
      staff: fc.constantFrom(...STAFF),
      text: fc.oneof(
        fc.constantFrom(
          "/kasus",
          "/kasus $ref",
          "/ambil $ref",
          "/balas $ref Kami cek",
          "/catatan $ref x",
          "/status $ref dirujuk P4MI",
          "/status $ref selesai",
          "/tutup $ref",
          "/buka $ref",
          "/bantuan",
          "/status $ref",
        ),
        text,
      ),
      reply: fc.nat(40),
    }),
  },
);

describe("fuzzing the runtime with random conversations", () => {
  it("never throws, answers or stays silent by rule, and keeps the database consistent", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 10, maxLength: 60 }), async (events) => {
        const bot = testBot({ env: { FLOOD_MAX_MESSAGES: "25" } });
        const offered = new Map<string, string[]>();
        const refs: string[] = [];
        try {
          for (const e of events) {
            bot.clock.advance(7_000);
            const ref =
              (bot.app.store.db
                .prepare("SELECT ref FROM cases ORDER BY random() LIMIT 1")
                .pluck()
                .get() as string | undefined) ?? "JR-NONE";
            let line: Record<string, unknown>;
            if (e.kind === "text") line = { from: e.user, text: e.text };
            else if (e.kind === "choice") {
              const ids = offered.get(e.user) ?? [];
              line = {
                from: e.user,
                choice: ids.length && e.pick < 10 ? (ids[e.pick % ids.length] as string) : e.raw,
              };
            } else if (e.kind === "media")
              line = {
                from: e.user,
                media: {
                  kind: e.media,
                  ...(e.caption !== undefined ? { caption: e.caption } : {}),
                },
              };
            else
              line = {
                from: e.staff,
                text: e.text.replaceAll("$ref", ref),
                ...(refs.length ? { replyTo: refs[e.reply % refs.length] } : {}),
              };

            const output = await bot.sim.line(JSON.stringify(line));
            expect(output.error).toBeUndefined();
            for (const m of output.out) {
              if (m.options?.length)
                offered.set(
                  m.to,
                  m.options.map((o) => o.id),
                );
              if (m.to === "staff") refs.push(m.ref);
              expect(m.text.length).toBeGreaterThan(0);
            }
            expect(bot.app.store.outbox.pending("sim")).toBe(0);
            if (e.kind !== "staff" && !output.out.some((m) => m.to === e.user)) {
              // Silence is allowed only by rule: staff are on the case, or the sender is flooding.
              const address = e.user.slice("user:".length);
              const user = bot.app.store.users.find("sim", address);
              const session = user ? bot.app.store.sessions.load(user.id) : null;
              const last = user ? bot.app.store.messages.recent(user.id, 1)[0] : undefined;
              const allowed =
                (session !== null && session.mode !== "bot") || last?.kind === "throttled";
              expect(allowed, `unanswered ${JSON.stringify(line).slice(0, 200)}`).toBe(true);
            }
          }
          const db = bot.app.store.db;
          expect(bot.app.store.integrityCheck()).toBe("ok");
          expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
          const orphans = db
            .prepare(
              `SELECT ref FROM cases c WHERE status NOT IN ('resolved','closed') AND user_id IS NULL
               AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'reporter_erased')`,
            )
            .all();
          expect(orphans).toEqual([]);
          expect(db.prepare("SELECT count(*) FROM sessions").pluck().get()).toBeLessThanOrEqual(
            db.prepare("SELECT count(*) FROM users").pluck().get() as number,
          );
        } finally {
          await bot.app.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
