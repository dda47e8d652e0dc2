import { existsSync } from "node:fs";
import { join } from "node:path";
import type * as z from "zod";
import type { ChoiceItem, Command, Lexicon, PlaceHelp } from "../engine/deps.ts";
import { fold } from "../engine/text.ts";
import type { Lang } from "../engine/types.ts";
import type { Problem } from "../flows/problem.ts";
import { placeHelp, placeKeys } from "./places.ts";
import { CommandEntry, Contact, Country, LexiconFile, Referral } from "./schema.ts";
import { readYamlFile } from "./yaml-file.ts";

/** The reference data in `data/`, ready for the engine. */
export interface Reference {
  contacts: Contact[];
  commands: Command[];
  lexicon: Record<Lang, Lexicon>;
  /**
   * Lists an `ask` node can offer, by name: `countries` (destinations) and `places` (Indonesia
   * and the destinations: where someone is now).
   */
  sources: Record<string, ChoiceItem[]>;
  /** The help that works in each place, by place id (data/countries.yaml). */
  places: Record<string, PlaceHelp>;
  /** Message keys the places' lines use (the checker requires them in every language). */
  placeKeys: string[];
  /** Values messages may interpolate: `{{contacts.<id>.<field>}}`. */
  params: Record<string, unknown>;
  problems: Problem[];
}

function read<T extends z.ZodType>(
  dir: string,
  name: string,
  schema: T,
  problems: Problem[],
): z.infer<T> | undefined {
  return readYamlFile(join(dir, name), `data/${name}`, schema, problems);
}

const foldAll = (list: string[]) => [...new Set(list.map(fold).filter(Boolean))];

/** Loads and validates `data/*.yaml`. Problems are returned, never thrown. */
export function loadReference(dir: string): Reference {
  const problems: Problem[] = [];
  const contacts = read(dir, "contacts.yaml", Contact.array(), problems) ?? [];
  const countries = read(dir, "countries.yaml", Country.array(), problems) ?? [];
  const commandFile = read(dir, "commands.yaml", CommandEntry.array(), problems) ?? [];
  const lexiconFile = read(dir, "lexicon.yaml", LexiconFile, problems);
  // Optional: a deployment without referral arrangements needs no file.
  const referrals = existsSync(join(dir, "referrals.yaml"))
    ? (read(dir, "referrals.yaml", Referral.array().nullable(), problems) ?? [])
    : [];
  for (const [i, r] of referrals.entries()) {
    if (referrals.findIndex((o) => o.id === r.id) !== i)
      problems.push({
        severity: "error",
        file: "data/referrals.yaml",
        message: `duplicate id "${r.id}"`,
      });
  }

  const ids = new Set<string>();
  for (const c of contacts) {
    if (ids.has(c.id))
      problems.push({
        severity: "error",
        file: "data/contacts.yaml",
        message: `duplicate id "${c.id}"`,
      });
    ids.add(c.id);
  }
  const commands: Command[] = commandFile.map((c) => ({
    name: c.name,
    words: foldAll(c.words.map((w) => w.replace(/^\//, ""))),
    prefixes: foldAll(c.prefixes),
    argVar: c.arg_var,
    argPattern: c.arg_pattern ? new RegExp(`^(?:${c.arg_pattern})$`, "i") : undefined,
    target: c.target,
    interrupt: c.interrupt,
  }));
  const empty: Lexicon = { yes: [], no: [], skip: [], unknown: [] };
  const lex = (l: Lang): Lexicon =>
    lexiconFile
      ? {
          yes: foldAll(lexiconFile[l].yes),
          no: foldAll(lexiconFile[l].no),
          skip: foldAll(lexiconFile[l].skip),
          unknown: foldAll(lexiconFile[l].unknown),
        }
      : empty;
  const item = (c: Country): ChoiceItem => ({
    id: c.id,
    label: c.label,
    aliases: foldAll(c.aliases),
    ...(c.offer ? {} : { hidden: true }),
  });
  return {
    contacts,
    commands,
    places: Object.fromEntries(countries.map((c) => [c.id, placeHelp(c)])),
    placeKeys: [...new Set(countries.flatMap(placeKeys))],
    lexicon: { id: lex("id"), mad: lex("mad") },
    sources: {
      countries: countries.filter((c) => !c.home).map(item),
      places: [...countries.filter((c) => c.home), ...countries.filter((c) => !c.home)].map(item),
    },
    params: {
      contacts: Object.fromEntries(contacts.map((c) => [c.id, c])),
      // Offices staff refer cases to under an arrangement; "" when there are none.
      referrals: { names: referrals.map((r) => r.name).join(", ") },
    },
    problems,
  };
}
