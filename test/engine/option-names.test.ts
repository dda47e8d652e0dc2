import { describe, expect, it } from "vitest";
import type { WordSense } from "../../src/engine/deps.ts";
import { nameOption } from "../../src/engine/option-names.ts";

const WHO = ["self", "child", "spouse", "parent", "sibling", "other"].map((id) => ({ id }));
const ID_LABELS = [
  "Saya sendiri",
  "Anak saya",
  "Suami atau istri saya",
  "Orang tua saya",
  "Saudara saya",
  "Kerabat, tetangga, atau orang lain",
];
const MAD_LABELS = [
  "Kaulâ dhibi'",
  "Ana' kaulâ",
  "Lakè otabâ binè kaulâ",
  "Orèng towa kaulâ",
  "Tarètan kaulâ",
  "Bhâlâ, tatangghâ, otabâ orèng laèn",
];

/** A stand-in for the matcher's word meanings: a few synonyms, small words left out. */
const SYNONYMS: Record<string, string> = {
  putra: "anak",
  ana: "anak",
  lake: "suami",
  lakeh: "suami",
  bine: "istri",
  sy: "saya",
};
const SMALL = new Set(["saya", "kaula", "atau", "otaba", "dan", "yang"]);
const sense: WordSense = {
  words: (text) =>
    text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/['’]/g, "")
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .map((w) => SYNONYMS[w] ?? w)
      .filter((w) => !SMALL.has(w)),
  relevance: (_text, documents) => documents.map(() => 0),
};

const id = (naming: ReturnType<typeof nameOption<{ id: string }>>) =>
  naming && "option" in naming ? naming.option.id : naming;

describe("which option a typed answer names", () => {
  it("reads the label at the start and keeps the rest as the answer's detail", () => {
    const naming = nameOption(WHO, ID_LABELS, "Anak saya Siti, berangkat lewat sponsor ke Johor …");
    expect(naming).toEqual({
      option: { id: "child" },
      exact: false,
      detail: "Siti, berangkat lewat sponsor ke Johor …",
    });
    // The longest label at the start wins; case and accents do not matter.
    expect(id(nameOption(WHO, MAD_LABELS, "ANA' KAULA, ta' bisa ehubungi"))).toBe("child");
  });

  it("takes a number, an id or a whole label as exact, with no detail", () => {
    expect(nameOption(WHO, ID_LABELS, "2")).toEqual({
      option: { id: "child" },
      exact: true,
      detail: "",
    });
    expect(nameOption(WHO, MAD_LABELS, "kaula dhibi")).toMatchObject({ exact: true });
    expect(nameOption(WHO, ID_LABELS, "9")).toBeUndefined();
  });

  it("reads a word only one option's label has, in both languages, with or without meanings", () => {
    // Madurese "ana'" names "Ana' kaulâ" (the case), even without the matcher.
    expect(id(nameOption(WHO, MAD_LABELS, "ana'"))).toBe("child");
    expect(id(nameOption(WHO, MAD_LABELS, "ana'", sense))).toBe("child");
    expect(id(nameOption(WHO, ID_LABELS, "tetangga"))).toBe("other");
    // Synonyms come from the word meanings (concepts.yaml through the matcher).
    expect(id(nameOption(WHO, ID_LABELS, "putra sy", sense))).toBe("child");
    expect(id(nameOption(WHO, ID_LABELS, "putra sy"))).toBe(undefined);
    expect(id(nameOption(WHO, MAD_LABELS, "lakeh kaula", sense))).toBe("spouse");
    expect(id(nameOption(WHO, ID_LABELS, "istri"))).toBe("spouse");
  });

  it("keeps a longer answer whole as the detail, and reads only its first words", () => {
    const text = "anak sy siti, sudah 2 bulan tidak ada kabar dari majikan";
    expect(nameOption(WHO, ID_LABELS, text, sense)).toEqual({
      option: { id: "child" },
      exact: false,
      detail: text,
    });
    // An option word late in a long answer is not a choice.
    expect(nameOption(WHO, ID_LABELS, "kemarin saya dengar dari teman anak saya ditipu")).toBe(
      undefined,
    );
  });

  it("finds an answer that names two options ambiguous", () => {
    expect(nameOption(WHO, ID_LABELS, "anak dan suami saya")).toEqual({
      ambiguous: [{ id: "child" }, { id: "spouse" }],
    });
  });
});
