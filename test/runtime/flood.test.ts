import { describe, expect, it } from "vitest";
import { FloodGuard } from "../../src/runtime/flood.ts";
import { testBot } from "../helpers/app.ts";

describe("flood control", () => {
  it("throttles one user sending 1,000 messages in a minute with one notice, while others are served", async () => {
    const bot = testBot({ env: { FLOOD_MAX_MESSAGES: "20", FLOOD_WINDOW_SECONDS: "60" } });
    const toA: string[] = [];
    let bAnswered = 0;
    for (let i = 0; i < 1000; i++) {
      bot.clock.advance(60);
      const out = await bot.sim.line(
        JSON.stringify({ from: "user:a", text: i % 2 ? "halo" : "1" }),
      );
      toA.push(...out.out.filter((m) => m.to === "user:a").map((m) => m.text));
      if (i % 100 === 50) {
        const other = await bot.sim.line(JSON.stringify({ from: "user:b", text: "halo" }));
        if (other.out.some((m) => m.to === "user:b" && m.options?.length)) bAnswered++;
      }
    }
    expect(bAnswered).toBe(10);
    expect(toA.filter((t) => t.includes("banyak pesan dalam waktu singkat"))).toHaveLength(1);
    const logged = bot.app.store.db
      .prepare(
        "SELECT count(*) FROM messages m JOIN users u ON u.id = m.user_id WHERE u.address = 'a' AND m.direction = 'in'",
      )
      .pluck()
      .get();
    expect(logged).toBe(1000);
    // After the window, the user is answered again.
    bot.clock.advance(60_000);
    const later = await bot.sim.line(JSON.stringify({ from: "user:a", text: "halo" }));
    expect(later.out.some((m) => m.options?.length)).toBe(true);
    await bot.app.close();
  });

  it("counts per sender and forgets idle senders", () => {
    const guard = new FloodGuard({ max: 2, windowMs: 1000 });
    expect(["ok", "ok", "notice", "drop"].map((_, i) => guard.check("a", i))).toEqual([
      "ok",
      "ok",
      "notice",
      "drop",
    ]);
    expect(guard.check("b", 5)).toBe("ok");
    expect(guard.check("a", 1000)).toBe("ok");
  });
});
