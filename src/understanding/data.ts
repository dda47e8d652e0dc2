/**
 * The shapes of the understanding data in `data/understanding/` and `data/intents/`, checked
 * with zod when the bot starts. Everything the matcher knows about words lives in those files.
 */
import * as z from "zod";
import { INTENT_FLOWS } from "../flows/contract.ts";
import { REPORT_CATEGORIES } from "../reference/categories.ts";

/** What happened, as the report flow names it (see `reference/categories.ts`). */
export const WHAT_VALUES = REPORT_CATEGORIES;
export type What = (typeof WHAT_VALUES)[number];

/** The label of example phrases that no flow answers (prices, football, weather …). */
export const OUT_OF_SCOPE = "out_of_scope";

const word = z.union([z.string(), z.number()]).transform(String);
const words = z.array(word);
/** Words, where a YAML alias may bring in a whole list (`[*media, film]`): flattened. */
const wordLists = z
  .array(z.union([word, z.array(z.union([word, words]))]))
  .transform((list) => list.flat(2));

const Affix = z.strictObject({
  /** Letters removed from the start (prefix) or end (suffix) of a word. */
  strip: z.string().min(1),
  /** Letters put back in their place (nasal prefixes: memukul → pukul). */
  add: z.string().default(""),
  /** Only for words the matcher does not know (risky affixes such as Madurese `e-`). */
  unknown_only: z.boolean().default(false),
  /** A possessive or definite ending (-ku, -nya, -na): what is left may be a short table word. */
  clitic: z.boolean().default(false),
});
export type Affix = z.infer<typeof Affix>;

/** `data/understanding/normalize.yaml`. */
export const NormalizeFile = z.strictObject({
  char_rules: z.array(z.strictObject({ from: z.string(), to: z.string() })),
  abbreviations: z.record(z.string(), word),
  madurese: z.record(z.string(), words),
  affixes: z.strictObject({
    min_root: z.number().int().min(2),
    prefixes: z.array(Affix),
    suffixes: z.array(Affix),
  }),
  /** Words, or lists of words (for readability); flattened. */
  stopwords: z.array(z.union([word, words])).transform((list) => list.flat()),
  /** Numbers written as words (tiga, tello'): the rules' `num` matches them like digits. */
  numbers: z
    .array(z.union([word, words]))
    .default([])
    .transform((list) => list.flat()),
  /** Clock words: one followed by a number is a time of day ("pukul 8" → "jam 8"). */
  clock: z
    .strictObject({
      words,
      as: z.string(),
      /** Words that also make a time after a clock word ("pukul berapa"). */
      before: words.default([]),
    })
    .optional(),
});
export type NormalizeFile = z.infer<typeof NormalizeFile>;

/** `data/understanding/concepts.yaml`: one word for each meaning, across both languages. */
export const ConceptsFile = z.record(z.string().regex(/^[a-z0-9]+$/), words);
export type ConceptsFile = z.infer<typeof ConceptsFile>;

const Markers = z.strictObject({ strong: words, weak: words });

/** `data/understanding/language.yaml`: words that show a text is Madurese or Indonesian. */
export const LanguageFile = z.strictObject({ id: Markers, mad: Markers });
export type LanguageFile = z.infer<typeof LanguageFile>;

/**
 * A condition on the words of a message: some word of `any`, or a word of each group of `all`,
 * and no word of `unless`. An entry of several words is a phrase (the words in a row).
 */
const RuleFields = {
  any: wordLists.optional(),
  all: z.array(wordLists.refine((g) => g.length > 0, "an empty group")).optional(),
  unless: wordLists.optional(),
};
const hasCondition = (r: { any?: string[] | undefined; all?: string[][] | undefined }) =>
  (r.any?.length ?? 0) > 0 || (r.all?.length ?? 0) > 0;
const needsCondition = { message: "a rule needs `any` or `all`" };

/** `data/understanding/danger.yaml`. */
export const DangerFile = z.strictObject({
  /** Lists the rules share through YAML anchors; read only through the rules. */
  lists: z.array(words).optional(),
  rules: z.array(
    z
      .strictObject({
        name: z.string(),
        what: z.enum(WHAT_VALUES).optional(),
        /** The flow the rule starts (default `emergency`; `crisis` for self-harm). */
        flow: z
          .string()
          .regex(/^[a-z][a-z0-9_]*$/, "a flow id")
          .optional(),
        ...RuleFields,
      })
      .refine(hasCondition, needsCondition),
  ),
});
export type DangerFile = z.infer<typeof DangerFile>;

/** `data/understanding/routes.yaml`: intent rules, and how a company's name is read. */
export const RoutesFile = z.strictObject({
  /** Lists the rules share through YAML anchors; read only through the rules. */
  lists: z.array(words).optional(),
  rules: z.array(
    z
      .strictObject({
        flow: z.string().regex(/^[a-z][a-z0-9_]*$/),
        /** Only when the message names a company (see `agency_name`). */
        named: z.boolean().default(false),
        ...RuleFields,
      })
      .refine((r) => r.named || hasCondition(r), needsCondition),
  ),
  agency_name: z.strictObject({
    /** Words (as typed) a company's name follows: pt, cv, lpk … */
    prefixes: words.min(1),
    max_words: z.number().int().min(1).max(10),
    /** Words that end a name. */
    stop: words,
    /** Words that are no name at all ("pt penyalur", "pt yang …"). */
    generic: words,
  }),
});
export type RoutesFile = z.infer<typeof RoutesFile>;

/** `data/understanding/report.yaml`: what a report's first message already says. */
export const ReportFile = z.strictObject({
  what: z.array(
    z
      .strictObject({ value: z.enum(WHAT_VALUES), ...RuleFields })
      .refine(hasCondition, needsCondition),
  ),
  other_countries: words,
});
export type ReportFile = z.infer<typeof ReportFile>;

const Bm25 = z.strictObject({ k1: z.number().positive(), b: z.number().min(0).max(1) });

/** `data/understanding/matcher.yaml`: the ranking's tunables. */
export const MatcherFile = z.strictObject({
  bm25: Bm25,
  /** BM25 over one document per flow, and its share of the final score. */
  label_bm25: Bm25,
  label_weight: z.number().min(0).max(1),
  bigram_weight: z.number().min(0),
  fuzzy_weight: z.strictObject({ one: z.number().min(0).max(1), two: z.number().min(0).max(1) }),
  unknown_weight: z.number().min(0),
  second_example_weight: z.number().min(0).max(1),
  confidence: z.strictObject({
    high: z.number().min(0).max(1),
    high_margin: z.number().min(0).max(1),
    /** `high` also when the best flow leads the runner-up by this share, with medium coverage. */
    clear_margin: z.number().min(0).max(1),
    medium: z.number().min(0).max(1),
    /** Turned down when out-of-scope examples score more than this share of the best flow. */
    out_of_scope_share: z.number().min(0).max(1),
  }),
});
export type MatcherFile = z.infer<typeof MatcherFile>;

/** `data/intents/<flow>.yaml`: how people ask for one flow, in each language. */
export const IntentFile = z.strictObject({
  flow: z.enum([...INTENT_FLOWS, OUT_OF_SCOPE]),
  id: words.min(1),
  mad: words.min(1),
});
export type IntentFile = z.infer<typeof IntentFile>;

/** Everything the matcher is built from. */
export interface UnderstandingData {
  normalize: NormalizeFile;
  concepts: ConceptsFile;
  language: LanguageFile;
  danger: DangerFile;
  report: ReportFile;
  routes: RoutesFile;
  matcher: MatcherFile;
  intents: IntentFile[];
}
