/**
 * HTTP requests below `fetch`: a fresh connection each (no pool), headers exactly as given, and
 * bodies that may lie about their length or never finish — what an attacker sends.
 */
import { request } from "node:http";

/** What came back (status 0: the connection failed or was closed before an answer). */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/** Options for {@link raw}. */
export interface RawOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as it is. */
  body?: Buffer | string;
  /** Only this much of the body announced in the headers is sent (then the answer is awaited). */
  partial?: Buffer;
  /** A body sent as `count` chunks (chunked encoding when no length is given). */
  stream?: { chunk: Buffer; count: number };
  timeoutMs?: number;
}

/** Sends one request on its own connection. */
export function raw(base: string, path: string, options: RawOptions = {}): Promise<RawAnswer> {
  const url = new URL(path, base);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Omit<RawAnswer, "ms">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ ...answer, ms: performance.now() - started });
    };
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? "GET",
        headers: options.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          finish({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", () =>
          finish({ status: res.statusCode ?? 0, headers: res.headers, body: "" }),
        );
      },
    );
    const timer = setTimeout(
      () => finish({ status: 0, headers: {}, body: "timeout" }),
      options.timeoutMs ?? 10_000,
    );
    req.on("error", () => finish({ status: 0, headers: {}, body: "error" }));
    if (options.partial) {
      req.write(options.partial);
      return;
    }
    const stream = options.stream;
    if (stream) {
      let sent = 0;
      const pump = () => {
        while (sent < stream.count && !settled) {
          sent++;
          if (!req.write(stream.chunk)) {
            req.once("drain", pump);
            return;
          }
        }
        if (!settled) req.end();
      };
      pump();
      return;
    }
    req.end(options.body);
  });
}

/** A multipart body with the given text fields and one file. */
export function multipartBody(
  fields: Record<string, string>,
  file?: { type: string; name: string; bytes: Buffer },
): { body: Buffer; contentType: string } {
  const boundary = `----jr${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Runs `task` for 0..n-1 with at most `width` at once; resolves with the results in order. */
export async function pooled<T>(n: number, width: number, task: (i: number) => Promise<T>) {
  const results: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** What {@link floodFromWorker} saw. */
export interface FloodResult {
  /** Answers by status (0: no answer). */
  statuses: Record<string, number>;
  /** Answers that closed their connection. */
  closed: number;
  ms: number;
}

/** One request of a flood. */
export interface FloodRequest {
  method?: string;
  path: string;
  cookie?: string;
}

/**
 * Sends `requests`, `width` at a time, from a worker thread: the flood has its own event loop,
 * so the server's is measured, not the client's. `keepAlive` reuses connections (as a script
 * would); otherwise each request has a connection of its own.
 */
export async function floodFromWorker(
  base: string,
  requests: readonly FloodRequest[],
  width: number,
  keepAlive = false,
): Promise<FloodResult> {
  const { Worker } = await import("node:worker_threads");
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const http = require("node:http");
    const { base, requests, width, keepAlive } = workerData;
    const url = new URL(base);
    const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: width }) : false;
    const statuses = {};
    let closed = 0;
    let next = 0;
    const started = Date.now();
    const one = (r) => new Promise((resolve) => {
      const req = http.request({ host: url.hostname, port: url.port, path: r.path,
        method: r.method || "GET", headers: r.cookie ? { cookie: r.cookie } : {}, agent,
        timeout: 10000 }, (res) => {
        res.resume();
        res.on("end", () => {
          statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
          if (res.headers.connection === "close") closed++;
          resolve();
        });
      });
      req.on("error", () => { statuses[0] = (statuses[0] || 0) + 1; resolve(); });
      req.on("timeout", () => req.destroy());
      req.end();
    });
    const lane = async () => { while (next < requests.length) await one(requests[next++]); };
    Promise.all(Array.from({ length: width }, lane)).then(() => {
      if (agent) agent.destroy();
      parentPort.postMessage({ statuses, closed, ms: Date.now() - started });
    });
  `;
  const worker = new Worker(code, {
    eval: true,
    workerData: { base, requests, width, keepAlive },
  });
  try {
    return await new Promise<FloodResult>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  } finally {
    await worker.terminate();
  }
}
