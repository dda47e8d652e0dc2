import { CASE_STATUSES } from "../engine/types.ts";
import { REPORT_CATEGORIES } from "../reference/categories.ts";

/**
 * Staff-facing texts live in `locales/id/staff.json` only: staff work in Indonesian, so these
 * keys are required in `id` and not in `mad` (the checker knows this namespace).
 */
export const STAFF_NAMESPACE = "staff";

/** Report categories (the report flow's `what` answers) with a staff label each. */
export const CATEGORIES = [...REPORT_CATEGORIES, "question", "emergency", "self_harm"] as const;

/** Answer names with a staff label; others are shown by their name. */
export const FIELDS = [
  "who",
  "relationship",
  "what",
  "country",
  "city",
  "since",
  "recruiter",
  "sender",
  "contact",
  "contact_phone",
  "contact_name",
  "details",
  "files",
  "question",
  "intent_text",
  "danger",
  "danger_rule",
  "where",
  "describe",
  "place",
  "person_name",
  "call",
  "call_when",
] as const;

/** Answers to "is it safe to call you?" (`call`), each with a staff label for the card. */
export const CALL_ANSWERS = ["chat_only", "any", "some_times"] as const;

/** Every staff key the desk uses. */
export const STAFF_KEYS: readonly string[] = [
  "staff.media_full",
  "staff.card_title",
  "staff.card_priority_urgent",
  "staff.card_priority_high",
  "staff.card_priority_normal",
  "staff.card_kind_report",
  "staff.card_kind_question",
  "staff.card_kind_emergency",
  "staff.card_line",
  "staff.card_meta",
  "staff.card_hint",
  "staff.channel_telegram",
  "staff.channel_whatsapp",
  "staff.channel_sim",
  "staff.channel_terminal",
  "staff.channel_web",
  "staff.console_link",
  "staff.console_off",
  "staff.lang_id",
  "staff.lang_mad",
  "staff.yes",
  /** A yes/no answer of "don't know" (stored as `unknown`). */
  "staff.answer_unknown",
  "staff.no",
  "staff.attachments",
  "staff.media_caption",
  "staff.user_message",
  "staff.user_media",
  "staff.reminder",
  "staff.daily_summary",
  "staff.daily_summary_none",
  "staff.list_header",
  "staff.list_empty",
  "staff.list_line",
  "staff.details_status",
  "staff.details_history",
  "staff.history_line",
  "staff.event_opened",
  "staff.event_user_message",
  "staff.event_staff_reply",
  "staff.event_note",
  "staff.event_status",
  "staff.event_reply_undeliverable",
  "staff.event_reminder",
  "staff.event_reporter_erased",
  "staff.actor_user",
  "staff.actor_system",
  "staff.actor_named",
  "staff.actor_staff",
  "staff.channel_local",
  "staff.claimed",
  "staff.status_changed",
  "staff.closed",
  "staff.reopened",
  "staff.note_saved",
  "staff.relayed",
  "staff.reporter_erased",
  "staff.unknown_case",
  "staff.unknown_status",
  "staff.needs_office",
  "staff.needs_text",
  "staff.needs_ref",
  "staff.not_staff",
  "staff.help",
  "staff.hint_reply",
  "staff.opt_claim",
  "staff.opt_close",
  "staff.backup_failed",
  "staff.backup_recovered",
  ...CASE_STATUSES.map((s) => `staff.status_${s}`),
  ...CATEGORIES.map((c) => `staff.category_${c}`),
  ...FIELDS.map((f) => `staff.field_${f}`),
  ...CALL_ANSWERS.map((a) => `staff.call_${a}`),
];
