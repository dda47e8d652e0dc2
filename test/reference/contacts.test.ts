/**
 * Provenance of every number and address the bot shows: each contact in data/contacts.yaml has a
 * source URL, a checked date and a confidence; messages only show numbers through those entries;
 * single-source entries are worded with care; the checker warns when a check is over 12 months old.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkLoaded } from "../../src/content.ts";
import { LANGS, type Lang } from "../../src/engine/types.ts";
import { flatten, placeholders } from "../../src/i18n/locales.ts";
import { monthsBefore, staleContacts } from "../../src/reference/freshness.ts";
import { loadReference } from "../../src/reference/load.ts";
import { ROOT, realContent } from "../helpers/engine.ts";

const content = realContent();
const contacts = content.reference.contacts;
const texts = Object.fromEntries(
  LANGS.map((l) => [l, flatten(content.locales.resources[l])]),
) as Record<Lang, Map<string, string>>;

/** A data directory holding the real countries, commands and lexicon and these contacts. */
function dataWith(contactsYaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "jr-data-"));
  for (const name of ["countries.yaml", "commands.yaml", "lexicon.yaml"]) {
    writeFileSync(join(dir, name), readFileSync(join(ROOT, "data", name), "utf8"));
  }
  writeFileSync(join(dir, "contacts.yaml"), contactsYaml);
  return dir;
}

describe("data/contacts.yaml provenance", () => {
  it("loads without problems, and every contact has a source URL, a checked date and a confidence", () => {
    expect(content.reference.problems).toEqual([]);
    expect(contacts.length).toBeGreaterThanOrEqual(15);
    for (const c of contacts) {
      expect(c.source, c.id).toMatch(/^https?:\/\//);
      expect(c.checked, c.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(["V", "S", "U"], c.id).toContain(c.confidence);
    }
  });

  it("refuses a contact without a source", () => {
    const dir = dataWith(
      '- { id: x, name: X, phone: "123", checked: 2026-01-01, confidence: V }\n',
    );
    const problems = loadReference(dir).problems.map((p) => p.message);
    expect(problems.some((m) => m.startsWith("0.source"))).toBe(true);
  });

  it("refuses a contact without a checked date, or with a malformed one", () => {
    const missing = dataWith(
      '- { id: x, name: X, phone: "123", source: "https://example.org/a", confidence: V }\n',
    );
    expect(loadReference(missing).problems.some((p) => p.message.startsWith("0.checked"))).toBe(
      true,
    );
    const malformed = dataWith(
      '- { id: x, name: X, source: "https://example.org/a", checked: "kemarin", confidence: V }\n',
    );
    expect(loadReference(malformed).problems.some((p) => p.message.startsWith("0.checked"))).toBe(
      true,
    );
  });

  it("messages show numbers only through data/contacts.yaml, never typed into a text", () => {
    const numbers = contacts.flatMap((c) =>
      [c.phone, c.whatsapp, c.sms].filter((v): v is string => !!v),
    );
    // Phone-like runs: 3+ digits with separators, or a leading + or 0 (not years, laws or money).
    const phoneLike = /(?:\+\d[\d\s-]{6,}|\b0\d{2,}[\d\s-]{3,}|\b(?:110|129|1708)\b)/;
    for (const lang of LANGS) {
      for (const [key, text] of texts[lang]) {
        // "SAPA 129" is the hotline's name; its number itself still comes from the data.
        const bare = text.replace(/\{\{[^}]+\}\}/g, "").replace(/SAPA 129/g, "SAPA");
        for (const n of numbers) expect(bare, `${lang} ${key} types ${n}`).not.toContain(n);
        // The example phone number in the phone hints is an example, not a contact.
        if (!/081234567890/.test(bare)) expect(bare, `${lang} ${key}`).not.toMatch(phoneLike);
      }
    }
  });

  it("never shows an uncertain contact, and words single-source ones with care", () => {
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const care: Record<Lang, RegExp> = {
      id: /menurut|cek ulang/i,
      mad: /manorot|parèksa polè/i,
    };
    for (const lang of LANGS) {
      for (const [key, text] of texts[lang]) {
        for (const name of placeholders(text)) {
          const [root, id, field] = name.split(".");
          if (root !== "contacts" || !id) continue;
          const c = byId.get(id);
          expect(c, `${key} uses unknown contact ${id}`).toBeDefined();
          expect(c?.confidence, `${key} shows ${id}`).not.toBe("U");
          const shown = field === "phone" || field === "whatsapp" || field === "address";
          if (c?.confidence === "S" && shown) expect(text, `${lang} ${key}`).toMatch(care[lang]);
        }
      }
    }
  });
});

describe("freshness of contact checks", () => {
  const checked = "2026-11-27";
  const at = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

  it("counts months on the calendar", () => {
    expect(monthsBefore(at("2027-11-27"), 12)).toBe("2026-11-27");
    expect(monthsBefore(at("2027-03-31"), 1)).toBe("2027-02-28");
  });

  it("warns only when a check is more than 12 months old", () => {
    const one = [{ ...contacts[0], checked } as (typeof contacts)[number]];
    expect(staleContacts(one, at("2027-11-27"))).toEqual([]);
    const stale = staleContacts(one, at("2027-11-28"));
    expect(stale).toHaveLength(1);
    expect(stale[0]?.severity).toBe("warning");
    expect(stale[0]?.message).toContain(one[0]?.source);
  });

  it("flows:check warns exactly about the contacts whose source page is over a year old", () => {
    const newest = contacts
      .map((c) => c.checked)
      .sort()
      .at(-1) as string;
    const today = checkLoaded(content, undefined, at(newest));
    expect(today.errors).toBe(0);
    const due = contacts.filter((c) => c.checked < monthsBefore(at(newest), 12));
    expect(today.warnings).toBe(due.length);
    const later = checkLoaded(content, undefined, at("2027-12-28"));
    expect(later.errors).toBe(0);
    expect(later.warnings).toBe(contacts.length);
  });

  it("dates each check by a page that was read, not by the day the file was written", () => {
    // A check cannot be older than the page it read; one edit day for every entry means the
    // dates were not taken from the pages (the fault the fact review found).
    for (const c of contacts)
      if (c.source_date) expect(c.checked >= c.source_date, c.id).toBe(true);
    expect(new Set(contacts.map((c) => c.checked)).size).toBeGreaterThan(contacts.length / 2);
  });
});
