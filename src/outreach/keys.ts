/**
 * Texts outreach code shows to the public (posters, cards, the pre-filled WhatsApp greeting,
 * the share flow's links), in `locales/<lang>/outreach.json`, both languages.
 */
export const OUTREACH_KEYS: readonly string[] = [
  "outreach.wa_greeting",
  "outreach.share_no_links",
  "outreach.poster_title",
  "outreach.poster_lead",
  "outreach.poster_free",
  "outreach.poster_scan",
  "outreach.poster_web",
  "outreach.poster_flags_title",
  "outreach.poster_flag_visa",
  "outreach.poster_flag_recruiter",
  "outreach.poster_flag_money",
  "outreach.poster_emergency_title",
  "outreach.poster_emergency",
  "outreach.poster_code",
  "outreach.poster_sources",
  "outreach.poster_logo",
  "outreach.card_title",
];
