/**
 * One staff command handler's world, without the desk around it: a real store (in memory), the
 * real engine, effect interpreter and staff texts, a reporter on WhatsApp whose question opened a
 * case through the runtime, and a context that keeps what the handler answers.
 */
import { engineBase, engineSettings, PROJECT_ROOT } from "../../src/app.ts";
import { type Content, contentDirs, loadContent } from "../../src/content.ts";
import { flatten } from "../../src/i18n/locales.ts";
import { EffectInterpreter } from "../../src/runtime/effects.ts";
import { Runtime } from "../../src/runtime/runtime.ts";
import { CaseWork } from "../../src/staff/casework.ts";
import type { CommandContext } from "../../src/staff/commands/command.ts";
import { StaffDirectory } from "../../src/staff/directory.ts";
import { StaffText } from "../../src/staff/render.ts";
import type { AuditEntry } from "../../src/store/audit.ts";
import { openDatabase } from "../../src/store/db.ts";
import { Store } from "../../src/store/store.ts";
import { FakeClock, quietLog, seeded, testConfig } from "./app.ts";

/** The staff chat and the reporter of a {@link CommandBench}. */
export const STAFF_CHAT = "-1001";
export const REPORTER = "628555";

/** See the module comment. */
export interface CommandBench {
  store: Store;
  text: StaffText;
  clock: FakeClock;
  /** The reporter's open case. */
  ref: string;
  /** What the handlers answered the staff member, in order. */
  replies: string[];
  /** A context for a handler: staff member `telegram:111` ("Bu Rina") unless overridden. */
  ctx(over?: Partial<CommandContext>): CommandContext;
  /** Texts queued for the reporter since the case opened. */
  toReporter(): string[];
  /** Texts queued for the staff chat. */
  toStaff(): string[];
  /** The audit entries, oldest first. */
  audit(): AuditEntry[];
}

let content: Content | undefined;

/** Builds a {@link CommandBench}: the reporter asks staff a question, which opens a case. */
export async function commandBench(): Promise<CommandBench> {
  content ??= loadContent(contentDirs(PROJECT_ROOT));
  const clock = new FakeClock();
  const store = new Store(openDatabase(":memory:"));
  const engine = engineBase(content, engineSettings(testConfig()), quietLog);
  const idTexts = flatten(content.locales.resources.id);
  const text = new StaffText(engine.t, (key) => idTexts.has(key));
  const directory = new StaffDirectory(
    [{ channel: "telegram", address: STAFF_CHAT }],
    new Map([["telegram", new Set(["111"])]]),
  );
  const effects = new EffectInterpreter({ store, engine, log: quietLog, random: seeded(5) });
  const work = new CaseWork({ store, text, directory, effects });
  const runtime = new Runtime({ store, engine, clock: clock.now, log: quietLog });
  let n = 0;
  for (const said of ["halo", "petugas", "Anak saya tidak bisa dihubungi di Malaysia"]) {
    const input = { type: "text" as const, text: said };
    runtime.handle({ channel: "whatsapp", address: REPORTER, messageId: `m${++n}`, input });
  }
  const ref = store.cases.createdSince(0).at(-1)?.ref;
  if (!ref) throw new Error("the question opened no case");
  const queued = (channel: string, address: string) =>
    (store.outbox.due(channel, Number.MAX_SAFE_INTEGER).get(address) ?? []).map(
      (o) => o.message.text,
    );
  const before = queued("whatsapp", REPORTER).length;
  const replies: string[] = [];
  return {
    store,
    text,
    clock,
    ref,
    replies,
    ctx: (over = {}) => ({
      actor: "telegram:111",
      who: "Bu Rina",
      now: clock.now(),
      touched: new Set(),
      reply: (said) => {
        replies.push(said);
      },
      store,
      text,
      work,
      consoleLink: () => undefined,
      ...over,
    }),
    toReporter: () => queued("whatsapp", REPORTER).slice(before),
    toStaff: () => queued("telegram", STAFF_CHAT),
    audit: () => store.audit.latest(1000).reverse(),
  };
}
