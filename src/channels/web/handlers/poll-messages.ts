import { type ChatHandler, type ChatRequests, unread } from "../request.ts";

/** How long a poll waits for news before answering "nothing yet". */
const POLL_MS = 25_000;
/** How long a browser waits before polling again after a "busy" answer. */
const BUSY_RETRY_MS = 15_000;

/**
 * `GET /chat/api/messages?after=&wait=`: the conversation's lines after `after`, waiting (long
 * polling) until there are some or the poll times out.
 */
export function pollMessages(requests: ChatRequests): ChatHandler {
  const { channel } = requests.options;
  return async (c) => {
    c.header("Cache-Control", "no-store");
    const who = requests.visitor(c, false);
    if (!who) return unread(c.json({ error: "no session" }, 401));
    const after = Math.max(0, Number.parseInt(c.req.query("after") ?? "0", 10) || 0);
    const wait = c.req.query("wait") === "0" ? 0 : POLL_MS;
    const entries = await channel.poll(who, after, wait);
    if (entries === "busy") {
      // Too many polls waiting: answered at once and the connection freed; the page waits
      // before asking again.
      return unread(c.json({ entries: [], retry: BUSY_RETRY_MS }));
    }
    return c.json({
      entries: entries.map((e) => ({ id: e.id, direction: e.direction, message: e.message })),
      // Lines older than this were erased: the page drops them (a shared phone after `hapus`).
      oldest: channel.oldest(who.address) ?? null,
    });
  };
}
