/**
 * The server's own address for links and the start-up message, and whether it is reachable
 * from this machine only.
 */
export function localUrl(host: string, port: number): { url: string; loopback: boolean } {
  const loopback = host === "localhost" || host === "::1" || host.startsWith("127.");
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return { url: `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`, loopback };
}
