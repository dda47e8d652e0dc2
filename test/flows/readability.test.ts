/**
 * Readability rules from the content brief, as tests: every message fits one phone screen
 * (≤ 600 characters, rendered with realistic values), Madurese is really Madurese (≤ 5 % of its
 * strings equal to the Indonesian ones, names/numbers/URLs excepted), both languages use the same
 * placeholders, and the Madurese keeps one polite form of address.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { translatorFor } from "../../src/content.ts";
import type { Flow } from "../../src/engine/flow.ts";
import { CASE_STATUSES, LANGS, type Lang } from "../../src/engine/types.ts";
import { flatten, placeholders } from "../../src/i18n/locales.ts";
import { ID_ONLY_NAMESPACES } from "../../src/i18n/namespaces.ts";
import { ROOT, realContent } from "../helpers/engine.ts";

const MAX = 600;
const MAX_IDENTICAL = 0.05;

const content = realContent();
const t = translatorFor(content);
const texts = Object.fromEntries(
  LANGS.map((l) => [l, flatten(content.locales.resources[l])]),
) as Record<Lang, Map<string, string>>;

/** Realistic values for the variables messages use (long ones, to be safe). */
const SAMPLE: Record<string, unknown> = {
  // The help for a place (the longest list: Arab Saudi, or the UAE) and the service's settings.
  place: "Uni Emirat Arab (Dubai, Abu Dhabi)",
  lines: [
    "- Polisi: 999 (mohon cek ulang)",
    "- Ambulans: 998 (mohon cek ulang)",
    "- KJRI Dubai: +971 56 332 2611",
    "- KJRI Dubai: +971 56 417 0333",
    "- KBRI Abu Dhabi: +971 56 615 6259 (mohon cek ulang)",
  ].join("\n"),
  number: "999",
  phone: "+60 17-668 8032",
  whatsapp: "+60 10-528 8040",
  note: "untuk Johor, Melaka, Negeri Sembilan, Pahang; layanan chat 24 jam",
  staff_next: "Senin 08.00 WIB",
  service: {
    retention_days: "365",
    staff_hours: "Senin–Jumat 08.00–16.00 WIB",
    // The share flow's links with every channel configured (the longest case).
    share_links: [
      "WhatsApp: https://wa.me/6281234567890?text=Assalamualaikum%20%23UMUM-mad",
      "Telegram: https://t.me/jalur_resmi_pamekasan_bot?start=UMUM-mad",
      "Web: https://jalur-resmi.pamekasankab.go.id/chat?src=UMUM&lang=mad",
    ].join("\n"),
  },
  // An outreach poster's code and the source of its emergency number; a source in /sumber.
  code: "K7Q3",
  channels: "WhatsApp, Telegram, Web chat",
  new_users: "< 5",
  facts: "Pesantren atau sekolah · Desa Larangan Tokol · 2027-01-12 · mulai dalam Bahasa Madura",
  links: [
    "https://wa.me/6281234567890?text=Assalamualaikum%20%23K7Q3",
    "https://t.me/jalur_resmi_pamekasan_bot?start=K7Q3",
    "https://jalur-resmi.pamekasankab.go.id/chat?src=K7Q3&lang=mad",
  ].join("\n"),
  id: "< 5",
  mad: "12",
  source:
    "https://siap.viva.co.id/news/9298-eskalasi-perang-timur-tengah-meningkat-kemenlu-sediakan-hotline-bantuan-untuk-wni-silakan-catat",
  referrals: { names: "P4MI Pamekasan, BP3MI Jawa Timur" },
  case_ref: "JR-7Q3KX",
  ref: "JR-7Q3KX",
  flags: 12,
  unsure: 12,
  max: 12,
  date: "2026-11-27",
  status: "petugas menunggu jawaban Anda",
  office: "BP3MI Jawa Timur",
  // What staff write back to a reporter (a typical, longish reply) and staff-card values.
  text: "Baik Bu, kami sudah menghubungi KBRI Kuala Lumpur. Mohon kirim nama lengkap anak Ibu sesuai paspor dan nomor HP terakhirnya.",
  priority: "MENDESAK",
  kind: "laporan",
  category: "gaji tidak dibayar",
  field: "Yang memberangkatkan",
  value: "PT Contoh Sejahtera Abadi lewat sponsor di desa",
  // A company named in a first message (agency_check.asked), as long as the matcher keeps it.
  agency_name: "PT Contoh Sejahtera Abadi Makmur",
  // The console's waiting counts (tab title).
  fresh: 12,
  unanswered: 12,
  // The media folder's budget in a staff alert.
  mb: 2048,
  channel: "WhatsApp",
  lang: "Madura",
  time: "27/11 16:03 WIB",
  who: "Bu Rina Kurniawati",
  n: 12,
  minutes: 45,
  reason:
    "ENOSPC: no space left on device, copyfile '/var/backups/jalur-resmi/jalur-resmi-20261204T190000Z.db'",
  file: "/var/backups/jalur-resmi/jalur-resmi-20261204T190000Z.db",
  word: "entah",
  command: "balas",
  type: "staff_reply",
  actor: "telegram:123456789",
  detail: ": sudah telepon KBRI",
  age: "12",
  country: "Malaysia",
  assignee: "telegram:123456789",
  // The staff console's texts.
  name: "Bu Rina Kurniawati",
  url: "https://bot.example.org/masuk/5PAQQGcZc0FV7Iq9aSM_SDUTpFBWilm37FDRZO1FiOc",
  from: 51,
  to: 100,
  weeks: 12,
  since: "01/09",
  // The console's review-sheet page.
  safety: 97,
};

/** Keys written only in Indonesian (staff-facing texts). */
const idOnly = (key: string) => ID_ONLY_NAMESPACES.includes(key.split(".")[0] ?? "");

function render(lang: Lang, key: string, extra: Record<string, unknown> = {}): string {
  return t(lang, key, { ...content.reference.params, ...SAMPLE, ...extra });
}

/** What a text-only channel shows for a question: the text, then the numbered options. */
function screen(text: string, labels: string[]): string {
  return [text, ...labels.map((label, i) => `${i + 1}. ${label}`)].join("\n");
}

const flows = [...content.flows.flows.values()] as Flow[];

describe("every message fits one phone screen", () => {
  for (const lang of LANGS) {
    it(`each ${lang} message is at most ${MAX} characters, with every placeholder filled`, () => {
      const tooLong: string[] = [];
      let longest = { key: "", length: 0 };
      for (const key of texts[lang].keys()) {
        if (lang !== "id" && idOnly(key)) continue;
        const names = placeholders(texts[lang].get(key) ?? "").map((n) => n.split(".")[0] ?? n);
        for (const name of names)
          expect(name === "contacts" || name in SAMPLE, `${key}: no sample for {{${name}}}`).toBe(
            true,
          );
        const text = render(lang, key);
        expect(text, key).not.toMatch(/\{\{|\}\}/);
        if (text.length > MAX) tooLong.push(`${key} (${text.length})`);
        if (text.length > longest.length) longest = { key, length: text.length };
      }
      console.info(`longest ${lang} message: ${longest.key} (${longest.length} characters)`);
      expect(tooLong).toEqual([]);
    });

    it(`each ${lang} question with its numbered options fits one screen`, () => {
      const tooLong: string[] = [];
      let longest = { key: "", length: 0 };
      const yesNo = [render(lang, "system.yes"), render(lang, "system.no")];
      const skip = render(lang, "system.skip");
      for (const flow of flows) {
        for (const [id, node] of Object.entries(flow.nodes)) {
          let shown: string | undefined;
          if (node.type === "menu")
            shown = screen(
              render(lang, node.text),
              node.options.map((o) => render(lang, o.label)),
            );
          if (node.type === "ask") {
            const labels =
              node.input === "yesno"
                ? [...yesNo]
                : node.input === "choice"
                  ? (content.reference.sources[node.source as string] ?? []).map((i) =>
                      render(lang, i.label),
                    )
                  : [];
            if (node.optional) labels.push(skip);
            shown = screen(render(lang, node.text), labels);
          }
          if (node.type === "cases") {
            const longest = CASE_STATUSES.map((s) =>
              render(lang, `${node.status_prefix}${s}`),
            ).sort((a, b) => b.length - a.length)[0];
            const line = render(lang, node.line, { status: longest });
            shown = [render(lang, node.header), ...Array(5).fill(line)].join("\n");
          }
          if (shown && shown.length > MAX) tooLong.push(`${flow.id}.${id} (${shown.length})`);
          if (shown && shown.length > longest.length)
            longest = { key: `${flow.id}.${id}`, length: shown.length };
        }
      }
      console.info(`longest ${lang} question on screen: ${longest.key} (${longest.length})`);
      expect(tooLong).toEqual([]);
    });
  }
});

/** A string made only of names, numbers, URLs, placeholders and punctuation. */
function namesOnly(text: string): boolean {
  const rest = text
    .replace(/\{\{[^}]+\}\}/g, " ")
    .replace(/\b[\w.-]+\.(go\.id|com|id|org)\b\S*/g, " ")
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
  return rest.every((w) => /\p{N}/u.test(w) || /^\p{Lu}/u.test(w));
}

describe("Madurese is Madurese", () => {
  it(`at most ${MAX_IDENTICAL * 100}% of Madurese strings equal their Indonesian key (names, numbers and URLs excepted)`, () => {
    const compared: string[] = [];
    const identical: string[] = [];
    for (const [key, id] of texts.id) {
      const mad = texts.mad.get(key);
      if (mad === undefined || namesOnly(id) || idOnly(key)) continue;
      compared.push(key);
      if (mad.trim() === id.trim()) identical.push(key);
    }
    const ratio = identical.length / compared.length;
    console.info(
      `Madurese identical to Indonesian: ${identical.length}/${compared.length} (${(ratio * 100).toFixed(1)}%): ${identical.join(", ")}`,
    );
    expect(compared.length).toBeGreaterThan(250);
    expect(ratio).toBeLessThanOrEqual(MAX_IDENTICAL);
  });

  it("both languages show the same numbers, addresses and variables in every message", () => {
    // Prose fields of data/contacts.yaml (`name`, `hours`, `note`) are Indonesian, so a Madurese
    // message may say them in its own words or show their Madurese copy (`hours_mad`); what a
    // reader acts on must be the same.
    const facts = (text: string) =>
      [...new Set(placeholders(text))]
        .filter((p) => !/\.(name|hours|hours_mad|note)$/.test(p))
        .sort();
    for (const [key, id] of texts.id) {
      if (idOnly(key)) continue;
      expect(facts(texts.mad.get(key) ?? ""), key).toEqual(facts(id));
    }
  });

  it("takes opening hours from data/ in Madurese too, never a hard-coded copy", () => {
    // A changed `hours` in data/contacts.yaml must reach both languages (review 2026-12-04 §1).
    for (const c of content.reference.contacts)
      if (c.hours) expect(c.hours_mad, `${c.id}: hours without hours_mad`).toBeTruthy();
    for (const [key, id] of texts.id) {
      if (idOnly(key)) continue;
      const hours = placeholders(id).filter((p) => /^contacts\.[a-z0-9_]+\.hours$/.test(p));
      const mad = placeholders(texts.mad.get(key) ?? "");
      for (const p of hours) expect(mad, `${key} shows ${p}`).toContain(`${p}_mad`);
    }
  });

  it("keeps one polite form of address: panjhennengngan for the user, kaulâ for the service", () => {
    // Everyday or other-register pronouns (the Madurese language guide §2.3, §6.3) must not appear in bot text.
    const avoid =
      /\b(sampèyan|sampeyan|bâ'na|be'na|bekna|be'en|bâ'en|sèngko'|sengkok|engko'|engkok|kakèh|hèdâ|dhika|ajunan)\b/iu;
    for (const [key, mad] of texts.mad) expect(mad, key).not.toMatch(avoid);
    const addressed = [...texts.mad.values()].filter((m) => /panjhennengngan/.test(m)).length;
    expect(addressed).toBeGreaterThan(40);
  });
});

describe("locales/mad/REVIEW.md", () => {
  it("lists doubts only for keys that exist, each with its Indonesian source", () => {
    const review = readFileSync(join(ROOT, "locales", "mad", "REVIEW.md"), "utf8");
    const rows = [...review.matchAll(/^\| `([a-z_]+\.[a-z0-9_]+)` \| (.+?) \|/gm)];
    expect(rows.length).toBeGreaterThan(50);
    for (const [, key, id] of rows) {
      expect(texts.mad.has(key as string), `${key} in REVIEW.md`).toBe(true);
      expect((id as string).length, key).toBeGreaterThan(0);
    }
  });
});
