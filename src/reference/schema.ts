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

/**
 * The date of the page a value was read from, as precise as the page shows it (`2024-12-03`,
 * `2024-12`, `2025`), or `undated` when the page shows no date. Never the day it was typed in.
 */
const pageDate = z
  .union([z.string(), z.number(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)))
  .pipe(
    z
      .string()
      .regex(
        /^(\d{4}(-\d{2}(-\d{2})?)?|undated)$/,
        "a page date is YYYY-MM-DD, YYYY-MM, YYYY or `undated`",
      ),
  );

/** Where a number comes from: its fact-sheet section, the page's date, how sure it is. */
const Sourced = {
  /** The fact-sheet section, e.g. `§A.3`. */
  source: z.string().regex(/^§([A-J](\.\d+)?|\d+(\.\d+)*)$/, "a fact-sheet section such as `§A.2`"),
  /** The page the value was read from (for staff who re-check it). */
  url: z.string().url().optional(),
  checked: pageDate,
  confidence: z.enum(["V", "S", "U"]),
};

/** What an emergency number is for; each has a label `places.for_<what>`. */
export const EMERGENCY_SERVICES = ["police", "ambulance", "fire"] as const;

/** A destination country's own emergency number. */
export const EmergencyNumber = z.strictObject({
  number: z.string().regex(/^\+?[\d -]+$/, "digits, spaces and dashes only"),
  for: z.array(z.enum(EMERGENCY_SERVICES)).min(1),
  ...Sourced,
});
export type EmergencyNumber = z.infer<typeof EmergencyNumber>;

/** An Indonesian mission or a destination's help line for workers. */
export const HelpLine = z
  .strictObject({
    name: z.string().min(1),
    phone: z
      .string()
      .regex(/^\+?[\d -]+$/, "digits, spaces and dashes only")
      .optional(),
    whatsapp: z
      .string()
      .regex(/^\+?[\d -]+$/, "digits, spaces and dashes only")
      .optional(),
    /** A message key (namespace `places`) that says what the line is for, or its hours. */
    note: z
      .string()
      .regex(/^places\.[a-z0-9_]+$/)
      .optional(),
    ...Sourced,
  })
  .refine((l) => l.phone !== undefined || l.whatsapp !== undefined, "a `phone` or a `whatsapp`");
export type HelpLine = z.infer<typeof HelpLine>;

/**
 * A country people go to (or Indonesia itself): its names and the places people type, and the
 * help that works there.
 */
export const Country = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string(),
  /** Other names, spellings and the cities and regions people type, compared whole-word. */
  aliases: z.array(z.string()),
  /** Shown as a button where a country is asked (others are accepted when typed). */
  offer: z.boolean().default(true),
  /** Indonesia itself: a place for "where are you now", not a destination. */
  home: z.boolean().default(false),
  emergency: z.array(EmergencyNumber).default([]),
  /** Indonesian embassies and consulates. */
  missions: z.array(HelpLine).default([]),
  /** The destination's own help lines for foreign workers. */
  workers: z.array(HelpLine).default([]),
});
export type Country = z.infer<typeof Country>;

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

/**
 * An office this deployment really works with (`data/referrals.yaml`): staff refer cases to it
 * under an arrangement, so the bot may name it. Empty by default: then the bot only says staff
 * MAY pass a case on.
 */
export const Referral = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** The office's name as users know it. */
  name: z.string().min(1),
  /** What the arrangement covers, for staff (never shown to users). */
  covers: z.string().min(1),
  /** When the arrangement was agreed (YYYY-MM-DD), and who in the office confirmed it. */
  agreed: isoDate,
  contact_person: z.string().min(1),
});
export type Referral = z.infer<typeof Referral>;
