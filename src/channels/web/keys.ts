/** The web chat page's own texts (`webchat.json` in each locale), in both languages. */
export const WEB_CHAT_KEYS: readonly string[] = [
  "webchat.title",
  "webchat.intro",
  "webchat.log_label",
  "webchat.input_label",
  "webchat.send",
  "webchat.options_hint",
  "webchat.refresh",
  "webchat.you",
  "webchat.bot",
  "webchat.too_fast",
  "webchat.empty",
  "webchat.offline",
  "webchat.unavailable",
  "webchat.open",
  "webchat.language",
];
