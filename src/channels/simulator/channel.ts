import { randomUUID } from "node:crypto";
import type { Channel, ChannelHost, Outgoing } from "../channel.ts";
import { SimLine, type SimMessage, toInput, toSimMessage } from "./protocol.ts";

/** The simulator's address for the staff chat. */
export const STAFF_ADDRESS = "staff";

/**
 * The simulator's channel: a {@link Simulator} hands it lines to receive, and it "delivers" by
 * collecting messages for the current output line.
 */
export class SimulatorChannel implements Channel {
  readonly name = "sim";
  private collected: SimMessage[] = [];
  private host: ChannelHost | undefined;

  async start(host: ChannelHost): Promise<void> {
    this.host = host;
  }

  async stop(): Promise<void> {}

  /** The bot this channel was started with; lines cannot be run before. */
  get started(): ChannelHost {
    if (!this.host) throw new Error("the simulator channel is not started");
    return this.host;
  }

  async deliver(out: Outgoing): Promise<string> {
    const to = out.address === STAFF_ADDRESS ? "staff" : `user:${out.address}`;
    this.collected.push(toSimMessage(to, out.ref, out.message));
    return String(out.ref);
  }

  /** Takes the messages collected since the last call. */
  take(): SimMessage[] {
    const taken = this.collected;
    this.collected = [];
    return taken;
  }
}

/** One output line. */
export interface SimOutput {
  out: SimMessage[];
  error?: string;
}

/**
 * Runs simulator lines against a bot: each input line gives exactly one output line with every
 * message the bot sent because of it.
 */
export class Simulator {
  private serial = 0;

  constructor(
    private readonly channel: SimulatorChannel,
    private readonly options: { langHint?: string } = {},
  ) {}

  /** Handles one raw input line. Bad lines get an `error` and no messages, never a crash. */
  async line(raw: string): Promise<SimOutput> {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { out: [], error: "invalid JSON" };
    }
    const parsed = SimLine.safeParse(json);
    if (!parsed.success)
      return { out: [], error: parsed.error.issues[0]?.message ?? "invalid line" };
    return this.run(parsed.data);
  }

  /** Handles one parsed line. */
  async run(line: SimLine): Promise<SimOutput> {
    this.serial++;
    this.channel.take();
    const host = this.channel.started;
    const [role, id] = line.from.split(/:(.*)/s) as [string, string];
    if (role === "staff") {
      const ref = line.replyTo !== undefined ? Number(line.replyTo.replace(/^m/, "")) : Number.NaN;
      const media = toInput(line, this.serial);
      await host.receiveStaff({
        channel: this.channel.name,
        chat: STAFF_ADDRESS,
        sender: id,
        messageId: randomUUID(),
        ...(line.text !== undefined ? { text: line.text } : {}),
        ...(media.type === "media" ? { media: media.media } : {}),
        ...(Number.isInteger(ref) ? { replyTo: { ref } } : {}),
      });
    } else {
      await host.receive({
        channel: this.channel.name,
        address: id,
        messageId: randomUUID(),
        input: toInput(line, this.serial),
        ...(this.options.langHint ? { langHint: this.options.langHint } : {}),
      });
    }
    return { out: this.channel.take() };
  }
}
