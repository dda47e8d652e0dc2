import { describe, expect, it } from "vitest";
import { EngineTalk, realContent } from "../helpers/engine.ts";

describe("referral offices (data/referrals.yaml)", () => {
  it("ships empty: no office is named as one the bot forwards to", () => {
    expect(realContent().reference.params.referrals).toEqual({ names: "" });
  });

  it("names configured offices after a report, and only then", () => {
    const talk = new EngineTalk(undefined, "id", { referrals: { names: "P4MI Pamekasan" } });
    const plain = new EngineTalk();
    for (const t of [talk, plain]) {
      t.send("lapor");
      for (const answer of ["ya", "1", "1", "1", "lewati", "kemarin", "lewati", "tidak"])
        t.send(answer);
      t.send("2");
      for (const answer of ["lewati", "lewati"]) t.send(answer);
    }
    const last = (t: EngineTalk) =>
      t
        .send("lewati")
        .map((m) => m.text)
        .join("\n");
    expect(last(talk)).toContain(
      "Kantor yang sudah bekerja sama dengan layanan ini: P4MI Pamekasan.",
    );
    expect(last(plain)).not.toContain("bekerja sama");
  });
});
