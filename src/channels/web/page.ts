import { randomUUID } from "node:crypto";
import type { Lang, OutMessage } from "../../engine/types.ts";
import { type Html, html } from "../../http/html.ts";
import { numberedLabel } from "../numbered-options.ts";
import { pendingOptions } from "./channel.ts";
import { linkedText } from "./links.ts";
import type { TranscriptEntry } from "./ports.ts";
import { ACCEPT } from "./upload.ts";

/** A web chat text in the page's language. */
export type ChatT = (key: string) => string;

/** One transcript line as a list item; `latest` marks where the newest answer begins. */
function line(t: ChatT, entry: TranscriptEntry, latest: boolean): Html {
  const who = entry.direction === "in" ? t("you") : t("bot");
  return html`<li class="${entry.direction}" data-id="${entry.id}"${latest ? html` id="latest"` : ""}><span class="who">${who}</span>${entry.direction === "out" ? linkedText(entry.message.text) : entry.message.text}</li>`;
}

/**
 * The id of the line a reader should see first: the first of the bot's last answers (one turn
 * may be several messages), or the last line when the person wrote last.
 */
export function latestStart(entries: readonly TranscriptEntry[]): number | undefined {
  let i = entries.length - 1;
  if (i < 0) return undefined;
  while (i > 0 && entries[i]?.direction === "out" && entries[i - 1]?.direction === "out") i--;
  return entries[i]?.id;
}

/** The page's one language switch: page labels and the bot's language change together. */
function languageSwitch(t: ChatT, lang: Lang): Html {
  const button = (to: Lang, name: string) =>
    html`<button type="submit" name="to" value="${to}" lang="${to}"${lang === to ? html` aria-pressed="true"` : html` aria-pressed="false"`}>${name}</button>`;
  return html`<form method="post" action="/chat/bahasa" class="lang" aria-label="${t("language")}">${button("id", "Indonesia")}${button("mad", "Madhurâ")}</form>`;
}

/** The buttons for the options the bot is waiting on (also the no-JavaScript way to tap them). */
export function optionsForm(t: ChatT, message: OutMessage | undefined): Html {
  if (!message?.options?.length) return html``;
  return html`<form method="post" action="/chat" class="options">
<input type="hidden" name="mid" value="${randomUUID()}">
${message.prompt !== undefined ? html`<input type="hidden" name="prompt" value="${message.prompt}">` : ""}
<p>${t("options_hint")}</p>
${message.options.map((o, i) => html`<button type="submit" name="choice" value="${o.id}">${numberedLabel(o.label, i)}</button>`)}
</form>`;
}

/** The chat page: the conversation so far, the pending options, and the message box. */
export function chatPage(
  t: ChatT,
  lang: Lang,
  entries: readonly TranscriptEntry[],
  notice?: string,
): Html {
  const last = entries.at(-1)?.id ?? 0;
  const latest = latestStart(entries);
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t("title")}</title>
<link rel="stylesheet" href="/chat/chat.css">
<script src="/chat/chat.js" defer></script>
</head>
<body data-offline="${t("offline")}" data-too-fast="${t("too_fast")}" data-unavailable="${t("unavailable")}" data-empty="${t("empty")}" data-you="${t("you")}" data-bot="${t("bot")}" data-hint="${t("options_hint")}">
<header>
<h1>${t("title")}</h1>
${languageSwitch(t, lang)}
</header>
<main>
<p class="intro">${t("intro")}</p>
<p class="note">${t("review_note")}</p>
<ol id="log" class="log" aria-live="polite" aria-label="${t("log_label")}" data-after="${last}">
${entries.map((e) => line(t, e, e.id === latest))}
</ol>
<div id="options">${optionsForm(t, pendingOptions(entries))}</div>
<p id="status" class="status" role="status">${notice ?? ""}</p>
<form id="send" method="post" action="/chat" enctype="multipart/form-data">
<input type="hidden" name="mid" value="${randomUUID()}">
<label for="text" class="hidden">${t("input_label")}</label>
<div class="row">
<input type="file" id="file" name="file" accept="${ACCEPT}" class="hidden-file">
<label for="file" class="attach" title="${t("file_label")}"><span aria-hidden="true">📎</span><span class="hidden">${t("file_label")}</span></label>
<textarea id="text" name="text" rows="1" maxlength="2000" autocomplete="off" placeholder="${t("input_label")}"></textarea>
<button type="submit">${t("send")}</button>
</div>
<p id="file-name" class="file-name"></p>
</form>
<p class="refresh"><a href="/chat#latest">${t("refresh")}</a></p>
</main>
</body>
</html>`;
}
