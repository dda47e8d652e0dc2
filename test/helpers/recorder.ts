import type { Channel, Outgoing } from "../../src/channels/channel.ts";

/** A channel that records what it delivers and gives each message an id, like a real service. */
export class RecorderChannel implements Channel {
  readonly sent: Outgoing[] = [];
  private next = 1000;

  constructor(readonly name: string) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async deliver(out: Outgoing): Promise<string> {
    this.sent.push(out);
    return String(this.next++);
  }

  /** Messages to one address. */
  to(address: string): Outgoing[] {
    return this.sent.filter((o) => o.address === address);
  }

  /** The channel id the last message to an address got. */
  lastId(address: string): string {
    const index = this.sent.map((o) => o.address).lastIndexOf(address);
    return String(1000 + index);
  }
}
