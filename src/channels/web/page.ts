import { randomUUID } from "node:crypto";
import type { Lang, OutMessage } from "../../engine/types.ts";
import { type Html, html } from "../../http/html.ts";
import { pendingOptions } from "./channel.ts";
import { withPhoneLinks } from "./phone-links.ts";
import type { TranscriptEntry } from "./ports.ts";
import { ACCEPT } from "./upload.ts";

/** A web chat text in the page's language. */
export type ChatT = (key: string) => string;

/** One transcript line as a list item. */
function line(t: ChatT, entry: TranscriptEntry): Html {
  const who = entry.direction === "in" ? t("you") : t("bot");
  // The bot's numbers are links a phone can call with one tap.
  const text = entry.direction === "out" ? withPhoneLinks(entry.message.text) : entry.message.text;
  return html`<li class="${entry.direction}" data-id="${entry.id}"><span class="who">${who}</span>${text}</li>`;
}

/** The buttons for the options the bot is waiting on (also the no-JavaScript way to tap them). */
export function optionsForm(t: ChatT, message: OutMessage | undefined): Html {
  if (!message?.options?.length) return html``;
  return html`<form method="post" action="/chat" class="options">
<input type="hidden" name="mid" value="${randomUUID()}">
${message.prompt !== undefined ? html`<input type="hidden" name="prompt" value="${message.prompt}">` : ""}
<p>${t("options_hint")}</p>
${message.options.map((o, i) => html`<button type="submit" name="choice" value="${o.id}">${i + 1}. ${o.label}</button>`)}
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
<nav aria-label="${t("language")}"><a href="/chat?lang=id" lang="id"${lang === "id" ? html` aria-current="true"` : ""}>Indonesia</a> · <a href="/chat?lang=mad" lang="mad"${lang === "mad" ? html` aria-current="true"` : ""}>Madhurâ</a></nav>
</header>
<main>
<p class="intro">${t("intro")}</p>
<ol id="log" class="log" aria-live="polite" aria-label="${t("log_label")}" data-after="${last}">
${entries.map((e) => line(t, e))}
</ol>
<div id="options">${optionsForm(t, pendingOptions(entries))}</div>
<p id="status" class="status" role="status">${notice ?? ""}</p>
<form id="send" method="post" action="/chat" enctype="multipart/form-data">
<input type="hidden" name="mid" value="${randomUUID()}">
<label for="text">${t("input_label")}</label>
<div class="row">
<textarea id="text" name="text" rows="2" maxlength="2000" autocomplete="off"></textarea>
<button type="submit">${t("send")}</button>
</div>
<label for="file" class="file">${t("file_label")}</label>
<input type="file" id="file" name="file" accept="${ACCEPT}">
</form>
<p class="refresh"><a href="/chat#send">${t("refresh")}</a></p>
</main>
</body>
</html>`;
}
