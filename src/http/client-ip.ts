import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The client's IP address. Behind a reverse proxy (`TRUST_PROXY=true`) it is the address the
 * proxy appended last to `X-Forwarded-For` (earlier entries can be forged by the client).
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for");
    const last = forwarded?.split(",").at(-1)?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // Requests made in-process (tests calling app.request) have no socket.
    return "unknown";
  }
}
