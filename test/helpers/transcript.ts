import { readFileSync } from "node:fs";
import { parse } from "yaml";
import * as z from "zod";
import type { SimMessage } from "../../src/channels/simulator/protocol.ts";
import { type TestBot, testBot } from "./app.ts";

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]));

const Expect = z.strictObject({
  /** Each text must appear (case-insensitive) in some message to the user. */
  says: list.optional(),
  /** No message to the user may contain any of these. */
  not_says: list.optional(),
  /** Each text must appear in the FIRST message to the user (what a phone shows first). */
  first_says: list.optional(),
  /** The last message with options offers exactly these option ids, in order. */
  options: z.array(z.string()).optional(),
  /** The last message with options offers at least these ids. */
  offers: z.array(z.string()).optional(),
  /** A case was opened by this turn, with these fields. */
  case: z
    .strictObject({
      kind: z.string().optional(),
      priority: z.string().optional(),
      category: z.string().optional(),
      answers: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  /** No case was opened by this turn. */
  no_case: z.boolean().optional(),
  /** Each text must appear in some message to the staff chat. */
  staff_says: list.optional(),
  /** The bot sends nothing at all. */
  silent: z.boolean().optional(),
  /** Nothing goes to the staff chat. */
  staff_silent: z.boolean().optional(),
  /** Exactly this many messages to the user. */
  count: z.number().int().optional(),
});

const Turn = z
  .strictObject({
    from: z.string().default("user:a"),
    user: z.union([z.string(), z.number()]).transform(String).optional(),
    text: z.string().optional(),
    choice: z.string().optional(),
    media: z
      .union([z.string(), z.strictObject({ kind: z.string(), caption: z.string().optional() })])
      .optional(),
    replyTo: z.string().optional(),
    /** Move the clock forward before this turn, in minutes. */
    wait_minutes: z.number().optional(),
    expect: Expect.optional(),
  })
  .refine((t) => [t.user, t.text, t.choice, t.media].filter((v) => v !== undefined).length === 1, {
    message: "a turn has exactly one of user, text, choice or media",
  });

/** A conversation written as data (see test/conversations/README.md). */
export const Transcript = z.strictObject({
  name: z.string(),
  /** The language a new user starts in (like `simulate --lang`). */
  lang: z.enum(["id", "mad"]).optional(),
  env: z.record(z.string(), z.string()).optional(),
  turns: z.array(Turn).min(1),
});
export type Transcript = z.infer<typeof Transcript>;

/** Reads a transcript file. */
export function readTranscript(path: string): Transcript {
  return Transcript.parse(parse(readFileSync(path, "utf8")));
}

/** The newest case's reference (what `$case_ref` stands for in a transcript). */
function latestCaseRef(bot: TestBot): string {
  const ref = bot.app.store.db
    .prepare("SELECT ref FROM cases ORDER BY id DESC LIMIT 1")
    .pluck()
    .get();
  return typeof ref === "string" ? ref : "$case_ref";
}

const norm = (s: string) => s.normalize("NFC").toLowerCase();

/** Plays a transcript; throws with the turn number and what the bot said on the first mismatch. */
export async function play(transcript: Transcript): Promise<void> {
  const bot = testBot({
    ...(transcript.lang ? { lang: transcript.lang } : {}),
    ...(transcript.env ? { env: transcript.env } : {}),
  });
  try {
    let lastRef = "";
    for (const [i, turn] of transcript.turns.entries()) {
      // A person takes a few seconds per message (flood control counts messages per minute).
      bot.clock.advance(4_000);
      if (turn.wait_minutes) bot.clock.advance(turn.wait_minutes * 60_000);
      const casesBefore = (
        bot.app.store.db.prepare("SELECT count(*) AS n FROM cases").get() as { n: number }
      ).n;
      const media = typeof turn.media === "string" ? { kind: turn.media } : turn.media;
      const replyTo = turn.replyTo === "$last_staff_ref" ? lastRef : turn.replyTo;
      const fill = (text: string) => text.replaceAll("$case_ref", latestCaseRef(bot));
      const line = {
        from: turn.from,
        ...(turn.user !== undefined ? { text: fill(turn.user) } : {}),
        ...(turn.text !== undefined ? { text: fill(turn.text) } : {}),
        ...(turn.choice !== undefined ? { choice: turn.choice } : {}),
        ...(media ? { media } : {}),
        ...(replyTo ? { replyTo } : {}),
      };
      const output = await bot.sim.line(JSON.stringify(line));
      const staff = output.out.filter((m) => m.to === "staff");
      if (staff.length) lastRef = (staff.at(-1) as SimMessage).ref;
      const expect = turn.expect;
      if (!expect) continue;
      const who = turn.from.startsWith("user:") ? turn.from : "user:a";
      const mine = output.out.filter((m) => m.to === who);
      const dump = () =>
        `turn ${i + 1} (${JSON.stringify(line)}) got:\n${JSON.stringify(output, null, 2)}`;
      const fail = (why: string): never => {
        throw new Error(`${transcript.name}: ${why}\n${dump()}`);
      };
      if (output.error) fail(`simulator error: ${output.error}`);
      const all = norm(
        mine.map((m) => [m.text, ...(m.options ?? []).map((o) => o.label)].join("\n")).join("\n"),
      );
      for (const text of expect.says ?? [])
        if (!all.includes(norm(fill(text)))) fail(`expected the bot to say "${text}"`);
      const first = norm(mine[0]?.text ?? "");
      for (const text of expect.first_says ?? [])
        if (!first.includes(norm(fill(text)))) fail(`expected the first message to say "${text}"`);
      for (const text of expect.not_says ?? [])
        if (all.includes(norm(text))) fail(`expected the bot not to say "${text}"`);
      const withOptions = [...mine].reverse().find((m) => m.options?.length);
      const ids = withOptions?.options?.map((o) => o.id) ?? [];
      if (expect.options && JSON.stringify(ids) !== JSON.stringify(expect.options))
        fail(`expected options ${JSON.stringify(expect.options)}`);
      for (const id of expect.offers ?? [])
        if (!ids.includes(id)) fail(`expected option "${id}" to be offered`);
      if (expect.silent && output.out.length > 0) fail("expected no messages");
      if (expect.count !== undefined && mine.length !== expect.count)
        fail(`expected ${expect.count} messages, got ${mine.length}`);
      const staffText = norm(staff.map((m) => m.text).join("\n"));
      for (const text of expect.staff_says ?? [])
        if (!staffText.includes(norm(fill(text)))) fail(`expected staff to see "${text}"`);
      if (expect.staff_silent && staff.length > 0) fail("expected nothing in the staff chat");
      const cases = bot.app.store.db
        .prepare("SELECT ref, kind, priority, category, answers FROM cases ORDER BY id")
        .all() as {
        ref: string;
        kind: string;
        priority: string;
        category: string;
        answers: string;
      }[];
      const opened = cases.slice(casesBefore);
      if (expect.no_case && opened.length) fail("expected no case to be opened");
      if (expect.case) {
        const c = opened.at(-1);
        if (!c) fail("expected a case to be opened");
        else {
          for (const field of ["kind", "priority", "category"] as const) {
            const want = expect.case[field];
            if (want !== undefined && c[field] !== want)
              fail(`expected case ${field} "${want}", got "${c[field]}"`);
          }
          const answers = JSON.parse(c.answers) as Record<string, unknown>;
          for (const [k, v] of Object.entries(expect.case.answers ?? {})) {
            if (JSON.stringify(answers[k]) !== JSON.stringify(v))
              fail(
                `expected case answer ${k}=${JSON.stringify(v)}, got ${JSON.stringify(answers[k])}`,
              );
          }
        }
      }
    }
  } finally {
    await bot.app.close();
  }
}
