/**
 * Commands as the ids of buttons under a message (a case card's "Ambil" and "Tutup"): a channel
 * carries the id of the button tapped back unchanged, and it turns into the same command again.
 * The ids read `ambil JR-7Q3K`, as on every card already posted, so old buttons keep working.
 */
import type { OutOption } from "../../engine/types.ts";
import { normalizeCaseRef } from "../../runtime/case-ref.ts";
import type { StaffText } from "../render.ts";
import type { StaffCommand } from "./command.ts";

/** Commands a button can carry: those that need nothing but the case. */
const ACTIONS = ["kasus", "ambil", "tutup", "buka"] as const;
type ActionName = (typeof ACTIONS)[number];

/** The button id of a command on a case. */
export function actionId(name: ActionName, ref: string): string {
  return `${name} ${ref}`;
}

/** The command a button id stands for; undefined for an id no button of ours has. */
export function commandOfAction(id: string): StaffCommand | undefined {
  const m = /^([a-z]+) (\S+)$/.exec(id);
  const name = ACTIONS.find((a) => a === m?.[1]);
  const ref = m ? normalizeCaseRef(m[2] as string) : undefined;
  return name && ref ? { name, ref } : undefined;
}

/** The buttons of a case card: take it, close it. */
export function cardActions(text: StaffText, ref: string): OutOption[] {
  return [
    { id: actionId("ambil", ref), label: text.text("staff.opt_claim") },
    { id: actionId("tutup", ref), label: text.text("staff.opt_close") },
  ];
}
