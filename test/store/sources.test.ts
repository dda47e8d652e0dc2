import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/db.ts";
import { GENERAL_SOURCE_CODE } from "../../src/store/sources.ts";
import { Store } from "../../src/store/store.ts";
import { mergeUsers } from "../../src/store/user-merge.ts";

function store(): Store {
  return new Store(openDatabase(":memory:"));
}

const source = (s: Store, code: string) =>
  s.sources.create(
    { code, name: code, kind: "event", place: "", heldOn: null, lang: "id", createdBy: "test" },
    0,
  );

describe("sources in the store", () => {
  it("hold the general source the share flow hands out", () => {
    expect(store().sources.byCode(GENERAL_SOURCE_CODE)).toMatchObject({
      kind: "other",
      lang: "id",
    });
  });

  it("keep a user's first source only, and never count below zero", () => {
    const s = store();
    const a = source(s, "AAAA");
    const b = source(s, "BBBB");
    const user = s.users.touch("sim", "u", 1);
    expect(s.sources.link(user.id, { sourceId: a.id, week: 10, lang: "id" })).toBe(true);
    expect(s.sources.link(user.id, { sourceId: b.id, week: 10, lang: "id" })).toBe(false);
    expect(s.sources.linkOf(user.id)?.sourceId).toBe(a.id);
    s.sources.bump(a.id, 10, "lang_mad", -1);
    expect(s.sources.counts()).toEqual([{ sourceId: a.id, week: 10, metric: "lang_mad", n: 0 }]);
  });

  it("move the link when two WhatsApp addresses turn out to be one person", () => {
    const s = store();
    const a = source(s, "AAAA");
    const b = source(s, "BBBB");
    const pn = s.users.touch("whatsapp", "62812@s.whatsapp.net", 1);
    const lid = s.users.touch("whatsapp", "123@lid", 2);
    s.sources.link(lid.id, { sourceId: a.id, week: 10, lang: "mad" });
    s.transaction(() => mergeUsers(s.db, "whatsapp", pn.address, lid.address));
    expect(s.sources.linkOf(pn.id)).toMatchObject({ sourceId: a.id, lang: "mad" });
    // When both were linked, the address kept keeps its own first source.
    const other = s.users.touch("whatsapp", "456@lid", 3);
    s.sources.link(other.id, { sourceId: b.id, week: 11, lang: "id" });
    s.transaction(() => mergeUsers(s.db, "whatsapp", pn.address, other.address));
    expect(s.sources.linkOf(pn.id)?.sourceId).toBe(a.id);
    expect(s.db.prepare("SELECT count(*) FROM user_sources").pluck().get()).toBe(1);
  });
});
