/**
 * Counts that show how the Madurese reads, for the decision log and for before/after checks:
 * the stiff sentence-initial *èatorè*, the repeated *panjhennengngan*, the polite *-èpon*, the
 * non-words and spelling departures the 2026-12-04 review found, and its safety-text defects.
 */

/** A form the review found wrong, with what replaced it. */
export interface WrongForm {
  pattern: RegExp;
  wrong: string;
  right: string;
}

/** Non-words and spelling departures (review §3–§5; BBM dictionary, NusaX lexicon). */
export const WRONG_FORMS: readonly WrongForm[] = [
  { pattern: /èdhup/giu, wrong: "èdhup", right: "odi'" },
  { pattern: /ca-kanca/giu, wrong: "ca-kancana", right: "èssèna" },
  { pattern: /ghâllâ\b/giu, wrong: "ghâllâ", right: "ghellâ'" },
  { pattern: /pèndèk/giu, wrong: "pèndèk", right: "sakonè'" },
  { pattern: /tenggelam/giu, wrong: "tenggelam", right: "tasèllem" },
  { pattern: /namping/giu, wrong: "namping", right: "nampong" },
  {
    pattern: /(?<![\p{L}])(ngecekel|ècekel)/giu,
    wrong: "ngecekel/ècekel",
    right: "nyèmpen/èsèmpen",
  },
  { pattern: /èpaghâbây/giu, wrong: "èpaghâbây", right: "èghâbây" },
  { pattern: /èkaterro/giu, wrong: "èkaterro", right: "maksod" },
  { pattern: /\bngado\b/giu, wrong: "ngado", right: "alapor" },
  { pattern: /\bdaddhi\b/giu, wrong: "daddhi", right: "dhâddhi" },
  { pattern: /\bgâmpang/giu, wrong: "gâmpang", right: "ghâmpang" },
  { pattern: /(^|[^h])\b(a?)bâkta\b/giu, wrong: "bâkta", right: "bhâkta" },
  { pattern: /\bngajâk/giu, wrong: "ngajâk", right: "ngajhâk" },
  { pattern: /ètelpon/giu, wrong: "ètelpon", right: "ètèlpon" },
  { pattern: /\bmare\b/giu, wrong: "mare", right: "marè" },
  { pattern: /\bpenting\b/giu, wrong: "penting", right: "pentèng" },
  { pattern: /ghumantong/giu, wrong: "ghumantong", right: "ta' padâ, manorot" },
  { pattern: /kacelakaan/giu, wrong: "kacelakaan", right: "kacalakaan" },
  { pattern: /\bsesuai\b/giu, wrong: "sesuai", right: "cocok sareng / manorot" },
  { pattern: /ètangani/giu, wrong: "ètangani", right: "èoros" },
  { pattern: /\bsalah sèttong/giu, wrong: "salah sèttong", right: "sala sèttong" },
  {
    pattern: /\b(kata sandi|luar nagara)\b/giu,
    wrong: "kata sandi / luar nagara",
    right: "oca' sanḍhi / lowar nagârâ",
  },
];

/** The review's safety-text defects (§5 #1–#7), each a test on one key's text. */
export const SAFETY_DEFECTS: readonly { key: string; defect: (text: string) => boolean }[] = [
  ...["costs.illegal_law", "passport.fee", "passport.brokers"].map((key) => ({
    key,
    defect: (t: string) => /parlo majâr/.test(t) || !/Ja' majâr/.test(t),
  })),
  ...["report.ask_danger", "trafficking.example", "trafficking.signs", "risks.abuse"].map(
    (key) => ({
      key,
      defect: (t: string) => /ètahan è penampungan|contona ètahan|, ètahan,|Ètahan è/i.test(t),
    }),
  ),
  ...["trafficking.penalties", "risks.detention"].map((key) => ({
    key,
    defect: (t: string) => !/saomor odi'/.test(t),
  })),
  { key: "report.what_violence", defect: (t) => !/^Kekerasan/.test(t) },
  { key: "privacy.confirm", defect: (t) => !/bhâkal èkosot/.test(t) },
  { key: "emergency.declined", defect: (t) => /ta' nyèmpen ponapa bisaos/.test(t) },
];

/** The counts for one set of Madurese texts. */
export interface VoiceStats {
  strings: number;
  withEatore: number;
  eatoreTokens: number;
  sentenceInitialEatore: number;
  withRepeatedYou: number;
  epon: number;
  wrongForms: Record<string, number>;
  wrongFormTotal: number;
  safetyDefects: string[];
}

/** Counts over `texts` (key → Madurese text; user-facing keys only). */
export function voiceStats(texts: ReadonlyMap<string, string>): VoiceStats {
  const values = [...texts.values()];
  const wrongForms: Record<string, number> = {};
  for (const form of WRONG_FORMS) {
    const n = values.reduce((sum, v) => sum + (v.match(form.pattern)?.length ?? 0), 0);
    if (n) wrongForms[form.wrong] = n;
  }
  return {
    strings: values.length,
    withEatore: values.filter((v) => /èatorè/i.test(v)).length,
    eatoreTokens: values.reduce((s, v) => s + (v.match(/èatorè/gi)?.length ?? 0), 0),
    // At the start of the text, of a sentence, of a line or of a list item.
    sentenceInitialEatore: values.reduce(
      (s, v) => s + (v.match(/(^|[.!?:;]\s+|\n(?:[-\d.]+\s+)?)Èatorè/g)?.length ?? 0),
      0,
    ),
    withRepeatedYou: values.filter((v) => (v.match(/panjhennengngan/g)?.length ?? 0) >= 2).length,
    epon: values.reduce((s, v) => s + (v.match(/\wèpon\b/g)?.length ?? 0), 0),
    wrongForms,
    wrongFormTotal: Object.values(wrongForms).reduce((a, b) => a + b, 0),
    safetyDefects: SAFETY_DEFECTS.filter((d) => d.defect(texts.get(d.key) ?? "")).map((d) => d.key),
  };
}
