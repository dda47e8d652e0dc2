import { rememberEntry } from "../entry.ts";
import { chatPage } from "../page.ts";
import type { ChatHandler, ChatRequests } from "../request.ts";

/**
 * `GET /chat`: the page with the visitor's conversation (a first visit issues the visitor
 * cookie; too many new visitors from one address are asked to wait).
 */
export function showPage(requests: ChatRequests): ChatHandler {
  const { channel } = requests.options;
  return (c) => {
    const lang = requests.lang(c);
    const t = requests.texts(lang);
    const who = requests.visitor(c, true);
    c.header("Cache-Control", "no-store");
    if (!who) return c.html(chatPage(t, lang, [], t("too_fast")).value, 429);
    rememberEntry(c, requests.options.secure);
    const notice = channel.running ? undefined : t("unavailable");
    return c.html(chatPage(t, lang, channel.history(who.address), notice).value);
  };
}
