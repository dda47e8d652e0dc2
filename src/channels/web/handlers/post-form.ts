import type { WebInput } from "../channel.ts";
import { takeEntry } from "../entry.ts";
import { readForm } from "../form-body.ts";
import { inputOf, messageIdOf } from "../message-fields.ts";
import { chatPage } from "../page.ts";
import {
  type ChatHandler,
  type ChatRequests,
  sameOrigin,
  unread,
  type Visitor,
} from "../request.ts";
import type { Upload, UploadRefusal } from "../upload.ts";

/** The notice shown for each refused file. */
const REFUSAL_NOTICE: Record<UploadRefusal, string> = {
  not_now: "file_not_now",
  daily_limit: "file_daily_limit",
  unsupported: "file_unsupported",
  mismatch: "file_mismatch",
  too_large: "file_too_large",
  full: "file_full",
  failed: "file_failed",
};

/**
 * `POST /chat`: a message from the page's form (the path without JavaScript) — text, a tapped
 * option or a file with its caption. Answered with the page again (a notice when something was
 * refused) or a redirect to the conversation's newest line.
 */
export function postForm(requests: ChatRequests): ChatHandler {
  const { channel } = requests.options;
  return async (c) => {
    if (!sameOrigin(c)) return unread(c.text("forbidden", 403));
    const lang = requests.lang(c);
    const t = requests.texts(lang);
    const page = (notice: string, status: 200 | 400 | 413 | 429 | 503, who?: Visitor) =>
      c.html(chatPage(t, lang, who ? channel.history(who.address) : [], notice).value, status);
    const who = requests.visitor(c, false);
    if (!who) return unread(c.redirect("/chat", 303));
    const body = await readForm(c, who, requests.options);
    if ("refused" in body) return unread(page(t(body.refused), body.status, who));
    const { input, refused } = withUpload(inputOf(body.fields), body.upload);
    const notice = refused && t(REFUSAL_NOTICE[refused]);
    // What was typed with a refused file still reaches the bot; the file does not.
    if (notice && !input) return page(notice, refused === "too_large" ? 413 : 400, who);
    if (!input) return page(t("empty"), 400, who);
    const result = await channel.send(
      { ...who, entry: takeEntry(c) },
      input,
      messageIdOf(body.fields),
    );
    if (result !== "ok") {
      const limited = result === "limited";
      return page(t(limited ? "too_fast" : "unavailable"), limited ? 429 : 503, who);
    }
    if (notice) return page(notice, 200, who);
    return c.redirect("/chat#latest", 303);
  };
}

/** The message with its file: a kept file carries the typed text as its caption. */
function withUpload(
  input: WebInput | undefined,
  upload: Upload | undefined,
): { input: WebInput | undefined; refused?: UploadRefusal } {
  if (!upload) return { input };
  if ("refused" in upload) return { input, refused: upload.refused };
  const caption = input?.type === "text" ? input.text : "";
  return { input: { type: "media", media: { ...upload.media, ...(caption ? { caption } : {}) } } };
}
