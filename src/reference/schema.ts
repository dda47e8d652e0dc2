import * as z from "zod";
import { isTarget } from "../engine/target.ts";

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date is YYYY-MM-DD"));

/** An office or hotline: only sourced fields, with the date they were checked. */
export const Contact = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(1),
  phone: z.string().optional(),
  whatsapp: z.string().optional(),
  /** A short number that takes SMS reports (e.g. SP4N-LAPOR! 1708). */
  sms: z.string().optional(),
  address: z.string().optional(),
  hours: z.string().optional(),
  /** `hours` in Madurese: the Madurese texts show this one. */
  hours_mad: z.string().optional(),
  website: z.string().optional(),
  note: z.string().optional(),
  source: z.string().url("`source` must be the URL the value was read from"),
  /** The date shown on the source page, when it shows one. */
  source_date: isoDate.optional(),
  checked: isoDate,
  confidence: z.enum(["V", "S", "U"]),
});
export type Contact = z.infer<typeof Contact>;

/** A destination country. */
export const Country = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string(),
  aliases: z.array(z.string()),
});

/** A global command (see data/commands.yaml). */
export const CommandEntry = z.strictObject({
  name: z.string(),
  words: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  prefixes: z.array(z.string()).default([]),
  /** A regular expression the argument of a prefix command must match (case-insensitive). */
  arg_pattern: z
    .string()
    .refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, "not a valid regular expression")
    .optional(),
  arg_var: z.string().optional(),
  target: z.string().refine(isTarget, "a target is `node`, `@flow` or `@flow.node`"),
  interrupt: z.boolean().default(false),
});

const words = z.array(z.union([z.string(), z.number()]).transform(String));
const LexiconEntry = z.strictObject({
  yes: words,
  no: words,
  skip: words,
  /** "Don't know": a skip where a question allows it, never a "no". */
  unknown: words.default([]),
});

/** Yes/no/skip/don't-know words per language. */
export const LexiconFile = z.strictObject({ id: LexiconEntry, mad: LexiconEntry });
