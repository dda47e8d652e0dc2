import { takeEntry } from "../entry.ts";
import { inputOf, messageIdOf } from "../message-fields.ts";
import { type ChatHandler, type ChatRequests, sameOrigin, unread } from "../request.ts";

/** `POST /chat/api/send`: a message from the page's script, as JSON (text or a tapped option). */
export function sendMessage(requests: ChatRequests): ChatHandler {
  const { channel } = requests.options;
  return async (c) => {
    if (!sameOrigin(c) || !c.req.header("content-type")?.startsWith("application/json")) {
      return unread(c.json({ error: "forbidden" }, 403));
    }
    const who = requests.visitor(c, false);
    if (!who) return unread(c.json({ error: "no session" }, 401));
    let fields: Record<string, unknown>;
    try {
      const parsed: unknown = await c.req.json();
      fields = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
      return c.json({ error: "invalid JSON" }, 400);
    }
    const input = inputOf(fields);
    if (!input) return c.json({ error: "empty" }, 400);
    const result = await channel.send({ ...who, entry: takeEntry(c) }, input, messageIdOf(fields));
    if (result === "limited") return c.json({ error: "too fast" }, 429);
    if (result === "stopped") return c.json({ error: "unavailable" }, 503);
    return c.json({ ok: true });
  };
}
