import type { MiddlewareHandler } from "hono";

/**
 * Headers for our HTML pages: no inline scripts or styles (so injected markup cannot run), no
 * framing by other sites, no referrer (a sign-in link) sent to other sites, no MIME sniffing.
 */
export function securityHeaders(options: { frame?: boolean } = {}): MiddlewareHandler {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${options.frame ? "*" : "'none'"}`,
  ].join("; ");
  return async (c, next) => {
    await next();
    // A response with its own, stricter policy keeps it (stored files are served sandboxed).
    if (!c.res.headers.has("Content-Security-Policy")) c.header("Content-Security-Policy", csp);
    c.header("X-Content-Type-Options", "nosniff");
    // Not "no-referrer": browsers then send "Origin: null" with form posts, which we refuse.
    c.header("Referrer-Policy", "same-origin");
    if (!options.frame) c.header("X-Frame-Options", "DENY");
  };
}
