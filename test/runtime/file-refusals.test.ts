import { describe, expect, it } from "vitest";
import type { FILE_REFUSALS } from "../../src/engine/types.ts";
import { testBot } from "../helpers/app.ts";

// One bot for the whole file: each question uses its own address, and building a bot loads all
// the content, which took 30 s for eight bots on a loaded machine.
let shared: ReturnType<typeof testBot> | undefined;
const bot = () => {
  shared ??= testBot();
  return shared;
};

/** What the bot answers a refused file, in one language. */
function answers(lang: "id" | "mad", what: (typeof FILE_REFUSALS)[number], caption?: string) {
  const { app } = bot();
  const handled = app.runtime.handle({
    channel: "sim",
    address: `u-${lang}-${what}-${caption ?? ""}`,
    messageId: `m-${lang}-${what}-${caption ?? ""}`,
    input: { type: "unsupported", what, ...(caption ? { caption } : {}) },
    langHint: lang,
  });
  return handled.queued.map((id) => app.store.outbox.get(id)?.message.text ?? "");
}

/** The options the bot offers last after a refused file. */
function lastOptions(caption: string) {
  const { app } = bot();
  const handled = app.runtime.handle({
    channel: "sim",
    address: "u-caption",
    messageId: "m-caption",
    input: { type: "unsupported", what: "file_mismatch", caption },
    langHint: "id",
  });
  const id = handled.queued.at(-1) ?? 0;
  return app.store.outbox.get(id)?.message.options?.map((o) => o.id) ?? [];
}

describe("files refused by a channel", () => {
  it("are answered with why, in Indonesian and Madurese", () => {
    expect(answers("id", "file_too_large")[0]).toContain("File ini terlalu besar");
    expect(answers("id", "file_mismatch")[0]).toContain("isinya tidak sesuai jenis filenya");
    expect(answers("id", "file_type")[0]).toContain("Jenis file ini tidak bisa saya terima");
    expect(answers("mad", "file_too_large")[0]).toContain("File ka'dinto rajâ sanget");
    expect(answers("mad", "file_mismatch")[0]).toContain("ta' padâ sareng jenis filena");
    expect(answers("mad", "file_type")[0]).toContain("Jenis file ka'dinto ta' bisa kaulâ tarèma");
    expect(answers("id", "file_full")[0]).toContain("saat ini file tidak bisa saya terima");
    expect(answers("mad", "file_full")[0]).toContain("samangkèn file ta' bisa kaulâ tarèma");
  });

  it("still read the caption sent with the file, after the notice", () => {
    const texts = answers("id", "file_too_large", "menu");
    expect(texts[0]).toContain("File ini terlalu besar");
    expect(texts.length).toBeGreaterThan(1);
    // "lapor" in the caption starts a report, as if it had been typed.
    expect(lastOptions("lapor")).toEqual(["yes", "no"]);
  });
});
