/**
 * Safety first: words of danger (disiksa, dipukul, ditahan, disekap, bunuh diri, tolong
 * darurat … and their Madurese forms) send a message to the emergency flow before any ranking.
 * The rules live in `data/understanding/danger.yaml`.
 */
import type { DangerFile, What } from "./data.ts";
import { compileRule, matches, type WordRule } from "./rules.ts";

/** A danger rule that fired. */
export interface DangerHit {
  name: string;
  /** What happened, when the rule says (violence, detained …). */
  what: What | undefined;
}

/** The danger rules, compiled. */
export class DangerRules {
  private readonly rules: { name: string; what: What | undefined; rule: WordRule }[];

  /** `words` turns a rule entry into the words the matcher compares. */
  constructor(file: DangerFile, words: (entry: string) => string[]) {
    this.rules = file.rules.map((r) => ({
      name: r.name,
      what: r.what,
      rule: compileRule(r, words),
    }));
  }

  /** The first rule the message's words meet, if any. */
  check(words: readonly string[]): DangerHit | undefined {
    const hit = this.rules.find((r) => matches(r.rule, words));
    return hit && { name: hit.name, what: hit.what };
  }

  /** Every word the rules look for (so that typos of them can be recognised). */
  vocabulary(): string[] {
    return this.rules.flatMap(({ rule }) =>
      [...rule.any, ...rule.all.flat(), ...rule.unless].flat(),
    );
  }
}
