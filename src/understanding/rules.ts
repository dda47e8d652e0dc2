/**
 * Word conditions for the safety and report rules: "some word of this list", "a word from
 * each of these lists", "none of these words". An entry of several words is a phrase that
 * must appear in a row.
 */

/** A compiled condition over a message's words. */
export interface WordRule {
  any: string[][];
  all: string[][][];
  unless: string[][];
}

/** The words of a message as a set, made once per message for all rules. */
const wordSets = new WeakMap<readonly string[], Set<string>>();

function hasPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  if (phrase.length === 1) {
    let set = wordSets.get(words);
    if (!set) {
      set = new Set(words);
      wordSets.set(words, set);
    }
    return set.has(phrase[0] as string);
  }
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** Compiles a rule; `words` turns an entry into the words the matcher compares. */
export function compileRule(
  rule: { any?: string[] | undefined; all?: string[][] | undefined; unless?: string[] | undefined },
  words: (entry: string) => string[],
): WordRule {
  const phrases = (list: string[] | undefined) =>
    (list ?? []).map(words).filter((p) => p.length > 0);
  return {
    any: phrases(rule.any),
    all: (rule.all ?? []).map(phrases),
    unless: phrases(rule.unless),
  };
}

/** True when the message's words meet the rule's condition, before its `unless`. */
function meetsCondition(rule: WordRule, words: readonly string[]): boolean {
  if (rule.any.some((p) => hasPhrase(words, p))) return true;
  return rule.all.length > 0 && rule.all.every((group) => group.some((p) => hasPhrase(words, p)));
}

/** True when the message's words meet the rule. */
export function matches(rule: WordRule, words: readonly string[]): boolean {
  // The condition first: most messages meet no rule, and `unless` lists are long.
  return meetsCondition(rule, words) && !rule.unless.some((p) => hasPhrase(words, p));
}
