import { describe, expect, it } from "vitest";
import type { Understand } from "../../src/engine/deps.ts";
import type { Vars } from "../../src/engine/types.ts";
import { EngineTalk } from "../helpers/engine.ts";

/** A stand-in for the free-text matcher that always starts `report` with these variables. */
function matcherSays(vars: Vars): Understand {
  return () => ({ flow: "report", confidence: "high", alternatives: [], lang: "id", vars });
}

describe("report started by the free-text matcher (what and country already set)", () => {
  it("asks consent first, then never asks again what happened or where", () => {
    const text = "tolong suami saya ditangkap polisi di johor";
    const talk = new EngineTalk(
      matcherSays({ intent_text: text, what: "detained", country: "malaysia" }),
    );
    const first = talk.say(text);
    expect(first).toContain("apakah anda setuju?");
    expect(talk.cases).toHaveLength(0);
    const afterConsent = talk.say("ya");
    expect(afterConsent).not.toContain("apa yang terjadi?");
    expect(afterConsent).toContain("telepon polisi 110");
    expect(afterConsent).toContain("laporan ini tentang siapa?");
    const afterWho = talk.say("3");
    expect(afterWho).not.toContain("di negara mana");
    expect(afterWho).toContain("di kota atau daerah mana?");
    for (const answer of ["Johor", "kemarin", "lewati", "lewati", "1", "lewati", "lewati"])
      talk.say(answer);
    expect(talk.cases).toHaveLength(1);
    const draft = talk.cases[0];
    expect(draft?.category).toBe("detained");
    expect(draft?.priority).toBe("urgent");
    expect(draft?.answers).toMatchObject({
      intent_text: text,
      what: "detained",
      country: "malaysia",
      who: "spouse",
      place: "Johor",
    });
    expect(draft?.personal).toEqual(["person_name", "contact_phone", "contact_name"]);
  });

  it("declining consent opens no case and forgets what the matcher filled in", () => {
    const talk = new EngineTalk(matcherSays({ intent_text: "anak hilang", what: "lost_contact" }));
    talk.say("anak saya hilang kontak");
    const declined = talk.say("tidak");
    expect(declined).toContain("0800-1000");
    expect(talk.cases).toHaveLength(0);
    expect(talk.state?.vars.what).toBe("");
    expect(talk.state?.vars.intent_text).toBe("");
  });

  it("a recruiter report from free text goes straight to the recruiter questions", () => {
    const talk = new EngineTalk(
      matcherSays({ intent_text: "ada calo di desa", what: "recruiter" }),
    );
    talk.say("ada calo di desa minta uang");
    const next = talk.say("ya");
    expect(next).toContain("di desa atau kecamatan mana perekrut itu?");
  });

  it("with only the original message set, it asks what happened; the message reaches staff", () => {
    const talk = new EngineTalk(matcherSays({ intent_text: "saya mau melapor masalah" }));
    talk.say("saya mau melapor masalah");
    expect(talk.say("ya")).toContain("apa yang terjadi?");
    for (const answer of ["8", "1", "4", "lewati", "1 bulan", "lewati", "2", "1", "lewati"])
      talk.say(answer);
    talk.say("lewati");
    expect(talk.cases[0]).toMatchObject({
      category: "wants_home",
      priority: "high",
      answers: { intent_text: "saya mau melapor masalah", country: "taiwan", danger: false },
    });
    // Skipped questions are not sent to staff as empty answers.
    expect(Object.keys(talk.cases[0]?.answers ?? {})).not.toContain("place");
  });

  it("a later report from the menu starts clean, even after a prefilled one", () => {
    const talk = new EngineTalk(matcherSays({ intent_text: "x", what: "died", country: "japan" }));
    talk.say("x");
    talk.say("ya");
    for (const answer of ["1", "lewati", "kemarin", "lewati", "1", "lewati", "lewati"])
      talk.say(answer);
    expect(talk.cases).toHaveLength(1);
    talk.say("lapor");
    expect(talk.say("ya")).toContain("apa yang terjadi?");
  });
});
