import { randomUUID } from "node:crypto";
import { isLang } from "../../../engine/types.ts";
import { takeEntry } from "../entry.ts";
import { type ChatHandler, type ChatRequests, sameOrigin } from "../request.ts";

/**
 * `POST /chat/bahasa`: the page's one language switch. The labels (a cookie) and the bot (the
 * command that sets the user's language, which also shows in the conversation) change together.
 */
export function switchLanguage(requests: ChatRequests): ChatHandler {
  const { channel, t } = requests.options;
  return async (c) => {
    if (!sameOrigin(c)) return c.text("forbidden", 403);
    const fields = await c.req.parseBody();
    const to = fields.to;
    if (!isLang(to)) return c.redirect("/chat", 303);
    requests.rememberLang(c, to);
    const who = requests.visitor(c, true);
    if (who) {
      const command = t(to, "webchat.switch_command");
      await channel.send(
        { ...who, lang: to, entry: takeEntry(c) },
        { type: "text", text: command },
        randomUUID(),
      );
    }
    return c.redirect("/chat#latest", 303);
  };
}
