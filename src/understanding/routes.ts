/**
 * Intent rules (`data/understanding/routes.yaml`): after the danger rules and before ranking,
 * words that settle a flow — wanting to report against asking about a report, a company asked
 * about by name — and the company's name itself, which the `agency_check` flow shows.
 */
import type { RoutesFile } from "./data.ts";
import { compileRule, matches, type WordRule } from "./rules.ts";

/** Longest company name kept, in characters. */
const MAX_NAME = 60;
/** Punctuation that ends a name: "PT Maju Jaya, resmi?" */
const CLAUSE_END = /[,?!;:]$/;

/** The intent rules, compiled. */
export class RouteRules {
  private readonly rules: { flow: string; named: boolean; rule: WordRule }[];
  private readonly prefixes: Set<string>;
  private readonly stop: Set<string>;
  private readonly generic: Set<string>;
  private readonly maxWords: number;

  /** `words` turns a rule entry into the words the matcher compares. */
  constructor(file: RoutesFile, words: (entry: string) => string[]) {
    this.rules = file.rules.map((r) => ({
      flow: r.flow,
      named: r.named,
      rule: compileRule(r, words),
    }));
    const { prefixes, stop, generic, max_words } = file.agency_name;
    this.prefixes = new Set(prefixes.map(plain));
    this.stop = new Set(stop.map(plain));
    this.generic = new Set(generic.map(plain));
    this.maxWords = max_words;
  }

  /** The flow of the first rule the message meets, if any; `named` when it names a company. */
  check(words: readonly string[], named: boolean): string | undefined {
    return this.rules.find(({ rule, ...r }) => {
      if (!r.named) return matches(rule, words);
      if (!named || vetoedBy(rule, words)) return false;
      return (rule.any.length === 0 && rule.all.length === 0) || matches(rule, words);
    })?.flow;
  }

  /**
   * The company a message names ("PT Sinar Jaya Abadi itu resmi gak?" → "PT Sinar Jaya
   * Abadi"), read from the text as typed; undefined when there is no name.
   */
  agencyName(text: string): string | undefined {
    const tokens = text.split(/\s+/).filter(Boolean);
    for (let i = 0; i < tokens.length; i++) {
      const prefix = plain(tokens[i] as string);
      if (!this.prefixes.has(prefix) || CLAUSE_END.test(tokens[i] as string)) continue;
      const name: string[] = [];
      for (const token of tokens.slice(i + 1)) {
        const word = plain(token);
        if (!word || this.stop.has(word)) break;
        if (name.length === 0 && this.generic.has(word)) break;
        name.push(display(token.replace(/[^\p{L}\p{N}&'.-]+$/u, "")));
        if (name.length >= this.maxWords || CLAUSE_END.test(token)) break;
      }
      if (name.length > 0) return `${prefix.toUpperCase()} ${name.join(" ")}`.slice(0, MAX_NAME);
    }
    return undefined;
  }

  /** Every word the rules look for (so that typos of them can be recognised). */
  vocabulary(): string[] {
    return this.rules.flatMap(({ rule }) =>
      [...rule.any, ...rule.all.flat(), ...rule.unless].flat(),
    );
  }
}

/** True when one of the rule's `unless` phrases is in the message. */
function vetoedBy(rule: WordRule, words: readonly string[]): boolean {
  return matches({ any: rule.unless, all: [], unless: [] }, words);
}

/** A token as compared with the lists: lowercase letters and digits only. */
function plain(token: string): string {
  return token.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/** A name word as shown: "sinar" → "Sinar"; "ABADI" and "mAju" stay as typed. */
function display(token: string): string {
  return token === token.toLowerCase() ? token.charAt(0).toUpperCase() + token.slice(1) : token;
}
