import type { EngineDeps, EngineSettings, Lexicon } from "./deps.ts";
import type {
  CaseSummary,
  Effect,
  Lang,
  OutMessage,
  OutOption,
  Position,
  SessionState,
  VarValue,
} from "./types.ts";

/** Values of the service's settings that messages may show as `{{service.<name>}}`. */
export const SERVICE_PARAMS = ["retention_days", "staff_hours", "share_links"] as const;

function serviceParams(
  settings: EngineSettings,
  lang: Lang,
): Record<(typeof SERVICE_PARAMS)[number], string> {
  return {
    retention_days: String(settings.retentionDays ?? 365),
    staff_hours: settings.staffHours?.text ?? "",
    share_links: settings.shareLinks?.[lang] ?? "",
  };
}

/**
 * The working area of one step: the state being changed, the effects collected so far, and
 * helpers to render messages in the user's language. Node kinds receive it; nothing in it does
 * I/O.
 */
export class Turn {
  readonly effects: Effect[] = [];
  /** The node being run, set by the engine before each node kind is called. */
  at: Position = { flow: "", node: "" };

  constructor(
    readonly deps: EngineDeps,
    public state: SessionState,
    /** The user's own cases, newest first (read lazily: most steps never need them). */
    readonly userCases: () => CaseSummary[] = () => [],
  ) {}

  /** The user's current language. */
  get lang(): Lang {
    return this.state.lang;
  }

  /** Answer words to read a typed answer with: the user's language first, then the other. */
  lexicons(): Lexicon[] {
    const { lexicon } = this.deps;
    return this.lang === "id" ? [lexicon.id, lexicon.mad] : [lexicon.mad, lexicon.id];
  }

  /**
   * Renders a key with reference data, the service's settings (`{{service.*}}`), the session's
   * variables and `extra` as parameters.
   */
  text(key: string, extra?: Record<string, unknown>): string {
    return this.deps.t(this.state.lang, key, {
      ...this.deps.params,
      service: serviceParams(this.deps.settings, this.state.lang),
      ...this.state.vars,
      ...extra,
    });
  }

  /** Queues a message for the user. */
  reply(message: OutMessage): void {
    this.effects.push({ type: "reply", message });
  }

  /** Queues the rendered message `key`. */
  say(key: string, extra?: Record<string, unknown>): void {
    this.reply({ text: this.text(key, extra) });
  }

  /** An option whose label is the rendered `labelKey`. */
  option(id: string, labelKey: string): OutOption {
    return { id, label: this.text(labelKey) };
  }

  /** Sets a session variable. */
  set(name: string, value: VarValue): void {
    this.state.vars = { ...this.state.vars, [name]: value };
  }

  /** Queues any other effect. */
  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  /** Records a diagnostic for the host's log (never message text or personal data). */
  log(
    level: "info" | "warn" | "error",
    event: string,
    detail?: Record<string, string | number>,
  ): void {
    this.effects.push(
      detail ? { type: "log", level, event, detail } : { type: "log", level, event },
    );
  }
}
