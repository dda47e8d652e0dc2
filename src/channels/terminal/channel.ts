import { randomUUID } from "node:crypto";
import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Channel, ChannelHost, Outgoing } from "../channel.ts";
import { optionLines } from "../numbered-options.ts";
import { wrapText } from "./wrap.ts";

/** Width when the output is not a terminal (a pipe, a file). */
export const DEFAULT_COLUMNS = 80;

/** Options for the terminal chat. */
export interface TerminalOptions {
  input: Readable;
  output: Writable;
  /** Show a `›` prompt (only when a person is typing). */
  interactive: boolean;
  /** The one local user's address. */
  address?: string;
  /** The terminal's width now (it may be resized); {@link DEFAULT_COLUMNS} when unknown. */
  columns?: () => number | undefined;
}

/**
 * Renders a bot message as terminal text: the message, then its numbered options, wrapped at
 * word boundaries to `columns`.
 */
export function renderForTerminal(out: Outgoing, columns = DEFAULT_COLUMNS): string {
  const lines = [out.message.text, ...optionLines(out.message.options ?? [], "  ")];
  return `${wrapText(lines.join("\n"), columns)}\n`;
}

/**
 * The terminal chat: one local user types, the bot answers on stdout. Numbers and labels work as
 * answers, just as typed text does on WhatsApp. `closed` resolves when stdin ends.
 */
export class TerminalChannel implements Channel {
  readonly name = "terminal";
  readonly closed: Promise<void>;
  private rl: Interface | undefined;
  private resolveClosed!: () => void;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: TerminalOptions) {
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  private get columns(): number {
    return this.options.columns?.() || DEFAULT_COLUMNS;
  }

  private get address(): string {
    return this.options.address ?? "local";
  }

  async start(host: ChannelHost): Promise<void> {
    const rl = createInterface({ input: this.options.input, terminal: false });
    this.rl = rl;
    const prompt = () => {
      if (this.options.interactive) this.options.output.write("› ");
    };
    rl.on("line", (line) => {
      // Lines are handled strictly one after another, like a person's messages.
      this.queue = this.queue
        .then(() =>
          host.receive({
            channel: this.name,
            address: this.address,
            messageId: randomUUID(),
            input: { type: "text", text: line },
          }),
        )
        .catch((error: unknown) => {
          this.options.output.write(`(error: ${(error as Error).message})\n`);
        })
        .then(prompt);
    });
    rl.on("close", () => {
      void this.queue.then(() => this.resolveClosed());
    });
    prompt();
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.queue;
  }

  async deliver(out: Outgoing): Promise<undefined> {
    this.options.output.write(renderForTerminal(out, this.columns));
    return undefined;
  }
}
