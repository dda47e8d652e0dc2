/**
 * What a staff command is: a name and typed arguments, whichever way it arrived (typed in a staff
 * chat, a card's button, a console form), and what its handler gets to work with.
 */
import type { CaseStatus, MediaRef } from "../../engine/types.ts";
import type { OutreachKit } from "../../outreach/kit.ts";
import type { Store } from "../../store/store.ts";
import type { Acting, CaseWork } from "../casework.ts";
import type { StaffText } from "../render.ts";

/**
 * A staff command. A case reference or text staff left out is absent rather than refused here:
 * each handler answers what is missing, in the order staff have always been told.
 */
export type StaffCommand =
  | { name: "bantuan" }
  | { name: "masuk" }
  | { name: "kasus"; ref?: string }
  | { name: "ambil"; ref?: string }
  | { name: "balas"; ref?: string; text?: string; media?: MediaRef }
  | { name: "catatan"; ref?: string; text?: string }
  /** `word` is the status as staff wrote it (for the answer when it is no status). */
  | { name: "status"; ref?: string; status?: CaseStatus; word: string; office?: string }
  | { name: "tutup"; ref?: string; note?: string }
  | { name: "buka"; ref?: string }
  /** Outreach sources: the list, one by its code, or a new one (`baru …`); `words` as typed. */
  | { name: "sumber"; words: string };

/** A command's name: the word staff type after `/`. */
export type StaffCommandName = StaffCommand["name"];

/** The command of one name. */
export type CommandOf<N extends StaffCommandName> = Extract<StaffCommand, { name: N }>;

/** The words of a typed command after its name: the case reference, if any, and the rest. */
export interface CommandWords {
  ref: string | undefined;
  rest: string;
  /** A file sent with the command (its caption was the command). */
  media: MediaRef | undefined;
}

/** What a handler works with: the acting staff member, the store, texts and shared case work. */
export interface CommandContext extends Acting {
  readonly store: Store;
  readonly text: StaffText;
  readonly work: CaseWork;
  /** A one-time console sign-in link for the actor; undefined when the console is off. */
  consoleLink(): string | undefined;
  /** Outreach sources' links and places; undefined where the app has none (tests of the desk). */
  readonly outreach?: OutreachKit | undefined;
}

/** One staff command: how it reads from a typed message, and what it does. */
export interface CommandHandler<N extends StaffCommandName> {
  readonly name: N;
  /** The command from the words staff typed after its name. */
  fromText(words: CommandWords): CommandOf<N>;
  /** Runs the command (inside the desk's transaction); answers through `ctx.reply`. */
  run(ctx: CommandContext, command: CommandOf<N>): void;
}
