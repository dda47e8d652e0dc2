import { describe, expect, it } from "vitest";
import { type Channel, DeliveryError, type Outgoing } from "../../src/channels/channel.ts";
import { Delivery } from "../../src/runtime/delivery.ts";
import { openDatabase } from "../../src/store/db.ts";
import { Store } from "../../src/store/store.ts";
import { FakeClock, quietLog } from "../helpers/app.ts";

class Scripted implements Channel {
  readonly name = "x";
  readonly sent: string[] = [];
  /** Addresses whose sends are held until {@link open} (as a rate limit holds them). */
  readonly held = new Set<string>();
  private readonly waiting: (() => void)[] = [];
  constructor(readonly failures: Map<string, DeliveryError[]> = new Map()) {}
  async start() {}
  async stop() {}
  open(address: string) {
    this.held.delete(address);
    for (const resolve of this.waiting.splice(0)) resolve();
  }
  async deliver(out: Outgoing) {
    while (this.held.has(out.address)) await new Promise<void>((r) => this.waiting.push(r));
    const queue = this.failures.get(out.message.text);
    const error = queue?.shift();
    if (error) throw error;
    this.sent.push(`${out.address}:${out.message.text}`);
    return undefined;
  }
}

function setup(channel: Scripted) {
  const store = new Store(openDatabase(":memory:"));
  const clock = new FakeClock();
  const delivery = new Delivery(store, new Map([["x", channel]]), clock.now, quietLog, {
    maxAttempts: 3,
    baseDelayMs: 1_000,
    maxDelayMs: 60_000,
    pollMs: 10,
  });
  const add = (address: string, text: string) => {
    const user = store.users.touch("x", address, clock.now());
    return store.outbox.add(
      { userId: user.id, channel: "x", address, message: { text } },
      clock.now(),
    );
  };
  return { store, clock, delivery, add };
}

describe("delivery", () => {
  it("keeps each address's messages in order while retrying, and serves others meanwhile", async () => {
    const channel = new Scripted(new Map([["a1", [new DeliveryError("flood", "retry", 5_000)]]]));
    const { clock, delivery, add } = setup(channel);
    add("a", "a1");
    add("a", "a2");
    add("b", "b1");
    await delivery.flush("x");
    expect(channel.sent).toEqual(["b:b1"]);
    clock.advance(4_999);
    await delivery.flush("x");
    expect(channel.sent).toEqual(["b:b1"]);
    clock.advance(1);
    await delivery.flush("x");
    expect(channel.sent).toEqual(["b:b1", "a:a1", "a:a2"]);
  });

  it("gives up after the attempt limit, and backs off exponentially before that", async () => {
    const boom = () => new Error("network down");
    const channel = new Scripted(new Map([["m", [boom(), boom(), boom()] as DeliveryError[]]]));
    const { store, clock, delivery, add } = setup(channel);
    const id = add("a", "m");
    await delivery.flush("x");
    expect(store.outbox.nextDue("x")).toBe(clock.now() + 1_000);
    clock.advance(1_000);
    await delivery.flush("x");
    expect(store.outbox.nextDue("x")).toBe(clock.now() + 2_000);
    clock.advance(2_000);
    await delivery.flush("x");
    expect(store.outbox.pending("x")).toBe(0);
    expect(
      store.db
        .prepare("SELECT failed_at IS NOT NULL AS failed, attempts FROM outbox WHERE id = ?")
        .get(id),
    ).toEqual({ failed: 1, attempts: 3 });
    expect(channel.sent).toEqual([]);
  });

  it("marks a user who blocked the bot unreachable and drops their pending messages", async () => {
    const channel = new Scripted(new Map([["a1", [new DeliveryError("blocked", "unreachable")]]]));
    const { store, delivery, add } = setup(channel);
    add("a", "a1");
    add("a", "a2");
    await delivery.flush("x");
    expect(channel.sent).toEqual([]);
    expect(store.users.find("x", "a")?.reachable).toBe(false);
    expect(store.outbox.pending("x")).toBe(0);
  });

  it("leaves a deferred message due, without counting an attempt", async () => {
    const channel = new Scripted(new Map([["m1", [new DeliveryError("stopping", "deferred")]]]));
    const { store, clock, delivery, add } = setup(channel);
    const id = add("a", "m1");
    add("a", "m2");
    await delivery.flush("x");
    expect(channel.sent).toEqual([]);
    expect(store.outbox.get(id)).toMatchObject({ attempts: 0, nextAttemptAt: clock.now() });
    await delivery.flush("x");
    expect(channel.sent).toEqual(["a:m1", "a:m2"]);
  });

  it("never sends a message twice when flushes overlap", async () => {
    const channel = new Scripted();
    const { delivery, add } = setup(channel);
    for (let i = 0; i < 20; i++) add(`u${i % 4}`, `m${i}`);
    await Promise.all([delivery.flush("x"), delivery.flush("x"), delivery.flushAll()]);
    expect(channel.sent).toHaveLength(20);
    expect(new Set(channel.sent).size).toBe(20);
  });

  it("serves each address on its own: one held back keeps nobody else waiting", async () => {
    const channel = new Scripted();
    const { delivery, add } = setup(channel);
    channel.held.add("staff");
    for (let i = 1; i <= 3; i++) add("staff", `card${i}`);
    delivery.wake("x");
    add("u", "hello");
    delivery.wake("x");
    await delivery.settled("x", "u");
    expect(channel.sent).toEqual(["u:hello"]);
    channel.open("staff");
    await delivery.flushAll();
    expect(channel.sent).toEqual(["u:hello", "staff:card1", "staff:card2", "staff:card3"]);
  });

  it("sends what was queued while an address was being served after what came before, once", async () => {
    const channel = new Scripted();
    const { store, delivery, add } = setup(channel);
    channel.held.add("a");
    add("a", "a1");
    delivery.wake("x");
    add("a", "a2");
    delivery.wake("x");
    const settled = delivery.settled("x", "a");
    add("a", "a3");
    delivery.wake("x");
    channel.open("a");
    await settled;
    expect(channel.sent).toEqual(["a:a1", "a:a2", "a:a3"]);
    expect(store.outbox.pending("x")).toBe(0);
  });

  it("stops after the message in flight and leaves the rest for the next start", async () => {
    const channel = new Scripted();
    const { store, clock, delivery, add } = setup(channel);
    channel.held.add("a");
    for (const text of ["a1", "a2", "a3"]) add("a", text);
    delivery.wake("x");
    await new Promise(setImmediate); // a1 is in flight, held
    const stopped = delivery.stop();
    channel.open("a");
    await stopped;
    expect(channel.sent).toEqual(["a:a1"]);
    expect(store.outbox.pending("x")).toBe(2);
    const next = new Delivery(store, new Map([["x", channel]]), clock.now, quietLog);
    await next.flushAll();
    expect(channel.sent).toEqual(["a:a1", "a:a2", "a:a3"]);
  });
});
