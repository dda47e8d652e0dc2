import type { Translator } from "../engine/deps.ts";
import type { VarValue } from "../engine/types.ts";
import type { CaseEvent, CaseRecord } from "../store/cases.ts";

/** Western Indonesia Time, where Pamekasan is (UTC+7, no daylight saving). */
const WIB_OFFSET_MS = 7 * 3_600_000;

/** Formats a time for staff: `27/11 16:03 WIB`. */
export function wib(ms: number): string {
  const d = new Date(ms + WIB_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} WIB`;
}

/** The WIB calendar date of a time, `YYYY-MM-DD`. */
export function wibDate(ms: number): string {
  return new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** The WIB hour of a time. */
export function wibHour(ms: number): number {
  return new Date(ms + WIB_OFFSET_MS).getUTCHours();
}

/** Answers whose values are codes, and where their Indonesian labels live. */
const VALUE_LABELS: Record<string, string> = {
  country: "countries.",
  where: "countries.",
  what: "staff.category_",
  who: "report.who_",
  danger: "staff.answer_",
  call: "staff.call_",
};

/** Renders staff texts (always Indonesian), with labels for codes when a label exists. */
export class StaffText {
  constructor(
    private readonly t: Translator,
    private readonly has: (key: string) => boolean,
  ) {}

  /** A staff message. */
  text(key: string, params?: Record<string, unknown>): string {
    return this.t("id", key, params);
  }

  /** A label for a code (`staff.category_unpaid`), or the code itself. */
  label(prefix: string, code: string): string {
    const key = `${prefix}${code}`;
    return this.has(key) ? this.text(key) : code;
  }

  /** One answer value, readable. */
  value(name: string, value: VarValue): string {
    if (value === true) return this.text("staff.yes");
    if (value === false) return this.text("staff.no");
    if (value === null) return "-";
    if (Array.isArray(value)) {
      const media = value.filter((v) => typeof v === "object");
      return media.length ? this.text("staff.attachments", { n: media.length }) : value.join(", ");
    }
    const text = String(value);
    const prefix = VALUE_LABELS[name];
    if (prefix) return this.label(prefix, text);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  }

  /** The card staff get for a new case (also the head of `/kasus REF`). */
  card(record: CaseRecord): string {
    const lines = [
      this.text("staff.card_title", {
        ref: record.ref,
        priority: this.text(`staff.card_priority_${record.priority}`),
        kind: this.text(`staff.card_kind_${record.kind}`),
        category: this.label("staff.category_", record.category),
      }),
    ];
    for (const [name, value] of Object.entries(record.answers)) {
      lines.push(
        this.text("staff.card_line", {
          field: this.label("staff.field_", name),
          value: this.value(name, value),
        }),
      );
    }
    lines.push(
      this.text("staff.card_meta", {
        channel: this.label("staff.channel_", record.reporterChannel ?? "-"),
        lang: this.label("staff.lang_", record.reporterLang ?? "id"),
        time: wib(record.createdAt),
      }),
    );
    lines.push(this.text("staff.card_hint", { ref: record.ref }));
    return lines.join("\n");
  }

  /** One line of `/kasus`. */
  listLine(record: CaseRecord, now: number): string {
    const hours = Math.floor((now - record.createdAt) / 3_600_000);
    const country = record.answers.country;
    return this.text("staff.list_line", {
      ref: record.ref,
      priority: this.text(`staff.card_priority_${record.priority}`),
      status: this.text(`staff.status_${record.status}`),
      category: this.label("staff.category_", record.category),
      country: typeof country === "string" ? this.value("country", country) : "-",
      age: hours < 1 ? "<1" : String(hours),
    });
  }

  /** One history line of `/kasus REF` and the console: who did what, in words. */
  historyLine(
    event: CaseEvent,
    nameOf: (actor: string) => string | undefined = () => undefined,
  ): string {
    const data = event.data ?? {};
    const detail = typeof data.text === "string" ? `: ${data.text.slice(0, 120)}` : "";
    const status = typeof data.status === "string" ? this.label("staff.status_", data.status) : "";
    const office = typeof data.office === "string" ? ` (${data.office})` : "";
    const what = this.has(`staff.event_${event.type}`)
      ? this.text(`staff.event_${event.type}`, { status, office })
      : event.type;
    return this.text("staff.history_line", {
      time: wib(event.at),
      actor: this.actor(event.actor, nameOf),
      type: what,
      detail,
    });
  }

  /** Who an actor is, for people: the reporter, the system, or a staff member by name. */
  actor(actor: string, nameOf: (actor: string) => string | undefined = () => undefined): string {
    if (actor === "user") return this.text("staff.actor_user");
    if (actor === "system") return this.text("staff.actor_system");
    const at = actor.indexOf(":");
    const channel = at > 0 ? this.label("staff.channel_", actor.slice(0, at)) : "";
    const name = nameOf(actor);
    return name
      ? this.text("staff.actor_named", { name, channel })
      : this.text("staff.actor_staff", { channel });
  }
}
