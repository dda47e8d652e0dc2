import { fileURLToPath } from "node:url";
import { type Content, contentDirs, loadContent, translatorFor } from "../../src/content.ts";
import type { EngineDeps, Understand } from "../../src/engine/deps.ts";
import { step } from "../../src/engine/engine.ts";
import type {
  CaseDraft,
  CaseSummary,
  OutMessage,
  SessionState,
  UserInput,
} from "../../src/engine/types.ts";

/** The project root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let cached: Content | undefined;

/** The real flows, locales and data, loaded once per test file. */
export function realContent(): Content {
  cached ??= loadContent(contentDirs(ROOT));
  return cached;
}

/**
 * Drives the pure engine directly (no store, no channel), with an optional stand-in for the
 * free-text matcher — the way the understanding module starts flows with variables already set.
 */
export class EngineTalk {
  state: SessionState | null = null;
  readonly cases: CaseDraft[] = [];
  private refs = 0;
  private now = Date.UTC(2026, 10, 27, 9, 0, 0);

  constructor(
    private readonly understand?: Understand,
    private readonly lang: "id" | "mad" = "id",
    /** Reference values to use instead of the real ones (e.g. configured referral offices). */
    private readonly params: Record<string, unknown> = {},
  ) {}

  private deps(): EngineDeps {
    const content = realContent();
    const { reference } = content;
    return {
      flows: content.flows.flows,
      t: translatorFor(content),
      now: this.now,
      newCaseRef: () => `JR-T${String(++this.refs).padStart(3, "2")}`,
      settings: { defaultLang: this.lang, idleMs: 3_600_000, maxSteps: 100, maxRetries: 2 },
      lexicon: reference.lexicon,
      sources: reference.sources,
      places: reference.places,
      params: { ...reference.params, ...this.params },
      commands: reference.commands,
      understand: this.understand,
    };
  }

  /** Sends one input; returns the messages the user sees. */
  send(input: UserInput | string): OutMessage[] {
    const message: UserInput = typeof input === "string" ? { type: "text", text: input } : input;
    this.now += 1000;
    const userCases = (): CaseSummary[] =>
      this.cases.map((c) => ({ ref: c.ref, kind: c.kind, status: "new", createdAt: this.now }));
    const result = step(this.deps(), this.state, message, { userCases });
    this.state = result.state;
    const out: OutMessage[] = [];
    for (const effect of result.effects) {
      if (effect.type === "reply") out.push(effect.message);
      if (effect.type === "open_case") this.cases.push(effect.draft);
    }
    return out;
  }

  /** Sends one input and returns everything the user sees as one lowercase text. */
  say(input: UserInput | string): string {
    return this.send(input)
      .map((m) => [m.text, ...(m.options ?? []).map((o) => o.label)].join("\n"))
      .join("\n")
      .toLowerCase();
  }
}
