/**
 * Every staff command, registered by the word staff type after `/`. Adding a command means one
 * file in this folder and one line here (and its line in the `staff.help` text).
 */
import { ambil } from "./ambil.ts";
import { balas } from "./balas.ts";
import { bantuan } from "./bantuan.ts";
import { buka } from "./buka.ts";
import { catatan } from "./catatan.ts";
import type {
  CommandContext,
  CommandHandler,
  CommandOf,
  StaffCommand,
  StaffCommandName,
} from "./command.ts";
import { kasus } from "./kasus.ts";
import { masuk } from "./masuk.ts";
import { status } from "./status.ts";
import { sumber } from "./sumber.ts";
import { tutup } from "./tutup.ts";

const HANDLERS: { readonly [N in StaffCommandName]: CommandHandler<N> } = {
  kasus,
  ambil,
  balas,
  catatan,
  status,
  tutup,
  buka,
  bantuan,
  masuk,
  sumber,
};

/** The staff commands, by the word staff type after `/`. */
export const STAFF_COMMANDS = Object.keys(HANDLERS) as readonly StaffCommandName[];

/** The handler of a command word, if it is one. */
export function handlerOf(word: string): CommandHandler<StaffCommandName> | undefined {
  const name = STAFF_COMMANDS.find((c) => c === word);
  return name ? (HANDLERS[name] as CommandHandler<StaffCommandName>) : undefined;
}

/** Runs a command by its handler (inside the desk's transaction, after authorization). */
export function runCommand(ctx: CommandContext, command: StaffCommand): void {
  run(ctx, command);
}

function run<N extends StaffCommandName>(ctx: CommandContext, command: CommandOf<N>): void {
  (HANDLERS[command.name] as CommandHandler<N>).run(ctx, command);
}
