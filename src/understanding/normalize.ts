/**
 * Word-level normalization from the tables in `data/understanding/`: chat abbreviations
 * (gmn, brp, tki, malay), Madurese spelling variants (bede/bada, ta'/tak, kaula/kauleh), one
 * word per meaning across both languages (alako → kerja, pèssè → uang), stop words, and light
 * affix stripping (dipukul → pukul, gajina → gaji).
 */
import type { Affix, ConceptsFile, NormalizeFile } from "./data.ts";
import { basicTokens, type CharRule, foldWord } from "./fold.ts";
import { PhraseMap, type Piece } from "./phrases.ts";

const NUMBER = /^\d+$/;

/** Turns text into the words the matcher compares. Built once from the data tables. */
export class Normalizer {
  readonly rules: CharRule[];
  readonly stopwords: Set<string>;
  /** Words that are already a meaning (concept names, stop words): never affix-stripped. */
  readonly fixed: Set<string>;
  /** Table entries that contradict each other (reported by the loader). */
  readonly conflicts: string[] = [];
  private readonly abbreviations: PhraseMap = new PhraseMap([]);
  private surface: PhraseMap = new PhraseMap([]);
  private readonly concepts: PhraseMap;
  private readonly prefixes: Affix[];
  private readonly suffixes: Affix[];
  private readonly minRoot: number;
  // Set at the end of the constructor (the tables above are read with no clock rule yet).
  private numbers = new Set<string>();
  private clock = new Set<string>();
  private clockAs = "";
  private clockBefore = new Set<string>();

  constructor(table: NormalizeFile, concepts: ConceptsFile) {
    this.rules = table.char_rules.map((r) => ({ from: new RegExp(r.from, "g"), to: r.to }));
    const fold = (text: string) => this.surfaceWords(text);

    // Abbreviations are read on words as typed (first folding step only) …
    const abbreviations = new Map<string, string[]>();
    for (const [key, value] of Object.entries(table.abbreviations)) {
      const words = basicTokens(key);
      const out = basicTokens(value);
      if (words.length === 0 || words.join(" ") === out.join(" ")) continue;
      const before = abbreviations.get(words.join(" "));
      if (before && before.join(" ") !== out.join(" ")) {
        this.conflicts.push(`abbreviation "${key}" is listed twice`);
      }
      abbreviations.set(words.join(" "), out);
    }
    this.abbreviations = new PhraseMap([...abbreviations].map(([k, v]) => [k.split(" "), v]));

    // … Madurese spellings on fully folded words.
    const surface = new Map<string, string[]>();
    const addSurface = (key: string, out: string[], source: string) => {
      const words = fold(key);
      const id = words.join(" ");
      if (!id || id === out.join(" ")) return;
      const before = surface.get(id);
      if (before && before.join(" ") !== out.join(" ")) {
        this.conflicts.push(
          `"${key}" (${source}) means both "${before.join(" ")}" and "${out.join(" ")}"`,
        );
      }
      surface.set(id, out);
    };
    for (const [canonical, variants] of Object.entries(table.madurese)) {
      const out = fold(canonical);
      for (const variant of variants) addSurface(variant, out, `madurese.${canonical}`);
    }
    this.surface = new PhraseMap([...surface].map(([k, v]) => [k.split(" "), v]));

    const concept = new Map<string, string>();
    for (const [name, entries] of Object.entries(concepts)) {
      for (const entry of [name, ...entries]) {
        const words = this.surface.apply(fold(entry));
        const id = words.join(" ");
        if (!id || id === name) continue;
        const before = concept.get(id);
        if (before && before !== name) {
          this.conflicts.push(`"${entry}" is listed under both concepts "${before}" and "${name}"`);
        }
        concept.set(id, name);
      }
    }
    this.concepts = new PhraseMap([...concept].map(([k, v]) => [k.split(" "), [v]]));

    this.stopwords = new Set(table.stopwords.flatMap((w) => this.meaning(this.surfaceWords(w))));
    this.fixed = new Set([...Object.keys(concepts), ...this.stopwords]);
    const none = { strip: "", add: "", unknown_only: false, clitic: false };
    this.prefixes = [none, ...table.affixes.prefixes];
    this.suffixes = [none, ...table.affixes.suffixes];
    this.minRoot = table.affixes.min_root;
    this.numbers = new Set(table.numbers.flatMap((w) => fold(w)));
    this.clock = new Set((table.clock?.words ?? []).flatMap((w) => fold(w)));
    this.clockAs = table.clock?.as ?? "";
    this.clockBefore = new Set((table.clock?.before ?? []).flatMap((w) => fold(w)));
  }

  /** True for a number in digits or in words (3, tiga, tello'). */
  isNumber(word: string): boolean {
    return NUMBER.test(word) || this.numbers.has(word);
  }

  /** Folded words with abbreviations expanded and Madurese spellings made one. */
  surfaceWords(text: string): string[] {
    const words = this.abbreviations.apply(basicTokens(text)).map((w) => foldWord(w, this.rules));
    const out = this.surface.apply(words);
    // "pukul 8" is a time of day, "dipukul" is not: a clock word before a number becomes one.
    for (let i = 0; i + 1 < out.length; i++) {
      const next = out[i + 1] as string;
      if (this.clock.has(out[i] as string) && (this.isNumber(next) || this.clockBefore.has(next))) {
        out[i] = this.clockAs;
      }
    }
    return out;
  }

  /** Surface words turned into meanings (alako → kerja); unknown words pass through. */
  meaning(surface: readonly string[]): string[] {
    return this.concepts.apply(surface);
  }

  /**
   * Surface words turned into meanings, each with the words it came from ("hong kong" →
   * "negara"), for callers that must tell a named thing from its kind.
   */
  meaningPieces(surface: readonly string[]): Piece[] {
    return this.concepts.pieces(surface);
  }

  /** True when `word` (as typed) is a chat abbreviation ("kl" is "kalau"). */
  isAbbreviation(word: string): boolean {
    return this.abbreviations.get(word) !== undefined;
  }

  /** The meaning of one word alone, if the tables know the word. */
  lookup(word: string): string | undefined {
    const surface = this.abbreviations.get(word) ?? this.surface.get(word);
    const words = surface ?? [word];
    if (words.length !== 1) return undefined;
    const concept = this.concepts.get(words[0] as string);
    if (concept?.length === 1) return concept[0];
    return surface ? (words[0] as string) : undefined;
  }

  /**
   * The root of a word: the shortest form left after taking off a known prefix and/or suffix
   * that is itself a known root (`isRoot`), e.g. dipukul → pukul, pekerjaan → kerja. Affixes
   * marked `unknown_only` apply only when `known` is false. Returns the word itself when
   * nothing fits.
   */
  stem(word: string, isRoot: (w: string, clitic: boolean) => boolean, known: boolean): string {
    if (this.fixed.has(word)) return word;
    let best = word;
    for (const p of this.prefixes) {
      if ((p.unknown_only && known) || !word.startsWith(p.strip)) continue;
      const base = p.add + word.slice(p.strip.length);
      for (const s of this.suffixes) {
        if (p.strip === "" && s.strip === "") continue;
        if ((s.unknown_only && known) || !base.endsWith(s.strip)) continue;
        const root = base.slice(0, base.length - s.strip.length) + s.add;
        if (root.length < this.minRoot || this.stopwords.has(root)) continue;
        if (best !== word && root.length >= best.length) continue;
        if (isRoot(root, p.strip === "" && s.clitic)) best = root;
      }
    }
    return best;
  }
}
