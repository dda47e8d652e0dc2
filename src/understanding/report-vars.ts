/**
 * What a report's first message already says, so the report flow need not ask again:
 * `what` happened (data/understanding/report.yaml) and the destination `country`
 * (data/countries.yaml, plus other countries named in report.yaml).
 */
import type { ChoiceItem } from "../engine/deps.ts";
import type { ReportFile, What } from "./data.ts";
import { compileRule, matches, type WordRule } from "./rules.ts";

const OTHER = "other";

/** Reads `what` and `country` from a message. */
export class ReportReader {
  private readonly what: { value: What; rule: WordRule }[];
  /** Country aliases as folded word sequences, longest first. */
  private readonly aliases: { words: string[]; id: string }[] = [];

  /**
   * `words` gives the matcher's words for a rule entry; `fold` the plain folded words of a text
   * (country names are compared before any abbreviation is expanded); aliases for which
   * `ambiguous` is true ("kl" is also "kalau") are not used.
   */
  constructor(
    file: ReportFile,
    countries: readonly ChoiceItem[],
    words: (entry: string) => string[],
    private readonly fold: (text: string) => string[],
    ambiguous: (alias: string[]) => boolean,
  ) {
    this.what = file.what.map((w) => ({ value: w.value, rule: compileRule(w, words) }));
    const add = (alias: string, id: string) => {
      const folded = fold(alias);
      if (folded.length > 0 && !ambiguous(folded)) this.aliases.push({ words: folded, id });
    };
    for (const c of countries)
      if (c.id !== OTHER) for (const a of [c.id, ...c.aliases]) add(a, c.id);
    for (const name of file.other_countries) add(name, OTHER);
    this.aliases.sort((a, b) => b.words.length - a.words.length);
  }

  /** What happened, by the first rule (in file order) the words meet. */
  whatHappened(words: readonly string[]): What | undefined {
    return this.what.find((w) => matches(w.rule, words))?.value;
  }

  /** The one destination the text names; undefined when it names none or several. */
  country(text: string): string | undefined {
    const words = this.fold(text);
    const found = new Set<string>();
    for (let i = 0; i < words.length; ) {
      const hit = this.aliases.find((a) => a.words.every((w, j) => words[i + j] === w));
      if (hit) {
        found.add(hit.id);
        i += hit.words.length;
      } else i++;
    }
    return found.size === 1 ? [...found][0] : undefined;
  }

  /** Every word the rules look for. */
  vocabulary(): string[] {
    return this.what.flatMap(({ rule }) =>
      [...rule.any, ...rule.all.flat(), ...rule.unless].flat(),
    );
  }
}
