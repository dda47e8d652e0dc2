import { CASE_STATUSES } from "../engine/types.ts";
import { REPORT_CATEGORIES } from "../reference/categories.ts";

/**
 * Staff-facing texts live in `locales/id/staff.json` only: staff work in Indonesian, so these
 * keys are required in `id` and not in `mad` (the checker knows this namespace).
 */
export const STAFF_NAMESPACE = "staff";

/** Report categories (the report flow's `what` answers) with a staff label each. */
export const CATEGORIES = [...REPORT_CATEGORIES, "question", "emergency"] as const;

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
  "where",
  "describe",
  "place",
  "person_name",
] as const;

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
  ...CASE_STATUSES.map((s) => `staff.status_${s}`),
  ...CATEGORIES.map((c) => `staff.category_${c}`),
  ...FIELDS.map((f) => `staff.field_${f}`),
];
