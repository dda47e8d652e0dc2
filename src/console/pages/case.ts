import { CASE_STATUSES, type VarValue } from "../../engine/types.ts";
import { type Html, html } from "../../http/html.ts";
import { type StaffText, wib } from "../../staff/render.ts";
import type { Attachment, CaseEvent, CaseRecord } from "../../store/cases.ts";
import type { LoggedMessage } from "../../store/messages.ts";
import type { SignedIn } from "../auth.ts";
import { page } from "../layout.ts";
import { type ConsoleT, consoleT } from "../text.ts";

/** What the case page shows. */
export interface CaseView {
  record: CaseRecord;
  attachments: readonly Attachment[];
  /** The reporter's conversation with the bot, oldest first; undefined once they erased it. */
  conversation: readonly LoggedMessage[] | undefined;
  events: readonly CaseEvent[];
  /** A staff member's display name by `channel:id`, when known. */
  nameOf: (actor: string) => string | undefined;
}

const isMediaList = (value: VarValue) =>
  Array.isArray(value) && value.some((v) => typeof v === "object");

function attachmentItem(c: ConsoleT, a: Attachment, n: number): Html {
  const kind = c(`kind_${a.kind}`);
  const caption = a.caption ? html`<figcaption>${a.caption}</figcaption>` : "";
  if (!a.path) return html`<li>${n}. ${c("attachment_remote", { kind })}</li>`;
  const src = `/console/media/${a.id}`;
  const label = `${kind} ${n}${a.caption ? `: ${a.caption}` : ""}`;
  switch (a.kind) {
    case "photo":
      return html`<li><figure><img src="${src}" alt="${label}" loading="lazy">${caption}</figure></li>`;
    case "voice":
    case "audio":
      return html`<li><figure><audio controls preload="none" src="${src}" aria-label="${label}"></audio>${caption}<br><a href="${src}">${c("attachment_open", { kind })}</a></figure></li>`;
    case "video":
      return html`<li><figure><video controls preload="none" src="${src}" aria-label="${label}"></video>${caption}</figure></li>`;
    default:
      return html`<li><a href="${src}">${c("attachment_open", { kind })} ${n}</a>${caption}</li>`;
  }
}

/** A case with everything staff need to answer it, and the forms to act on it. */
export function casePage(
  text: StaffText,
  session: SignedIn,
  view: CaseView,
  flash: readonly string[],
): Html {
  const c = consoleT(text);
  const { record } = view;
  const action = (name: string) => `/console/kasus/${record.ref}/${name}`;
  const csrf = html`<input type="hidden" name="_csrf" value="${session.csrf}">`;
  const fact = (key: string, value: string) => html`<dt>${c(key)}</dt><dd>${value}</dd>`;
  const facts = html`<dl class="facts">
${fact("fact_kind", text.text(`staff.card_kind_${record.kind}`))}
<dt>${c("fact_priority")}</dt><dd><span class="badge p-${record.priority}">${text.text(`staff.card_priority_${record.priority}`)}</span></dd>
${fact("fact_status", text.label("staff.status_", record.status))}
${fact("fact_category", text.label("staff.category_", record.category))}
${fact("fact_channel", text.label("staff.channel_", record.reporterChannel ?? "-"))}
${fact("fact_lang", text.label("staff.lang_", record.reporterLang ?? "id"))}
${fact("fact_created", wib(record.createdAt))}
${fact("fact_first_response", record.firstResponseAt ? wib(record.firstResponseAt) : "-")}
${fact("fact_assignee", record.assignee ? text.actor(record.assignee, view.nameOf) : "-")}
${fact("fact_office", record.office ?? "-")}
</dl>`;
  const answers = Object.entries(record.answers).filter(([, v]) => !isMediaList(v));
  const answerList = answers.length
    ? html`<dl class="facts">${answers.map(
        ([name, value]) =>
          html`<dt>${text.label("staff.field_", name)}</dt><dd>${text.value(name, value)}</dd>`,
      )}</dl>`
    : html`<p>${c("answers_none")}</p>`;
  const media = view.attachments.length
    ? html`<ul class="media">${view.attachments.map((a, i) => attachmentItem(c, a, i + 1))}</ul>`
    : html`<p>${c("attachments_none")}</p>`;
  const chat = view.conversation?.length
    ? html`<ol class="chat">${view.conversation.map((m) => {
        const who =
          m.direction === "in" ? "from_user" : m.kind === "staff" ? "from_staff" : "from_bot";
        const cls = m.direction === "in" ? "in" : m.kind === "staff" ? "staff" : "out";
        return html`<li class="${cls}"><span class="meta">${c(who)} · ${wib(m.createdAt)}</span>${m.text ?? `(${m.kind})`}</li>`;
      })}</ol>`
    : html`<p>${c("conversation_none")}</p>`;
  const history = html`<ol>${view.events.map((e) => html`<li>${text.historyLine(e, view.nameOf)}</li>`)}</ol>`;
  const claim =
    record.status === "new"
      ? html`<form method="post" action="${action("ambil")}">${csrf}<button type="submit">${c("claim_button")}</button></form>`
      : "";
  const reply =
    record.userId === null
      ? html`<p>${c("reply_erased")}</p>`
      : html`<form method="post" action="${action("balas")}">${csrf}
<label for="reply">${c("reply_label")}</label>
<textarea id="reply" name="text" required maxlength="3500"></textarea>
<button type="submit">${c("reply_button")}</button>
</form>`;
  const statuses = CASE_STATUSES.map(
    (s) =>
      html`<option value="${s}"${s === record.status ? html` selected` : ""}>${text.text(`staff.status_${s}`)}</option>`,
  );
  return page(text, {
    title: c("case_title", { ref: record.ref }),
    session,
    section: "cases",
    flash,
    body: html`<p><a href="/console">${c("back_to_cases")}</a></p>
<div class="cols">
<section aria-labelledby="h-facts"><h2 id="h-facts">${c("case_facts")}</h2>${facts}</section>
<section aria-labelledby="h-answers"><h2 id="h-answers">${c("answers_title")}</h2>${answerList}</section>
</div>
<section aria-labelledby="h-media"><h2 id="h-media">${c("attachments_title")}</h2>${media}</section>
<div class="cols">
<section aria-labelledby="h-chat"><h2 id="h-chat">${c("conversation_title")}</h2>${chat}</section>
<section class="actions" aria-labelledby="h-reply"><h2 id="h-reply">${c("reply_title")}</h2>
${claim}
${reply}
<h2 id="h-note">${c("note_title")}</h2>
<form method="post" action="${action("catatan")}">${csrf}
<label for="note">${c("note_label")}</label>
<textarea id="note" name="text" required maxlength="3500"></textarea>
<button type="submit">${c("note_button")}</button>
</form>
<h2 id="h-status">${c("status_title")}</h2>
<form method="post" action="${action("status")}">${csrf}
<p><label for="status">${c("status_label")}</label><br><select id="status" name="status">${statuses}</select></p>
<p><label for="office">${c("office_label")}</label><br><input id="office" name="office" maxlength="120" size="30"></p>
<button type="submit">${c("status_button")}</button>
</form>
</section>
</div>
<section aria-labelledby="h-history"><h2 id="h-history">${c("history_title")}</h2>${history}</section>`,
  });
}
