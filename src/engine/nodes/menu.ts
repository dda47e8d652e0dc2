import * as z from "zod";
import type { NodeKind } from "../node-kind.ts";
import { SYSTEM } from "../system-keys.ts";
import { fold } from "../text.ts";
import { messageKey, scalar, target, varName } from "./fields.ts";

const MenuOption = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,23}$/, "an option id is short: a-z, 0-9, _ or -"),
  label: messageKey,
  next: target,
  /** Variables to set when this option is chosen (e.g. the destination country). */
  set: z.record(varName, scalar).optional(),
});

/**
 * `menu` asks a question with options. The user answers by tapping an option, by its number
 * or by typing its label (case and accents do not matter).
 *
 * ```yaml
 * pick:
 *   type: menu
 *   text: contacts.pick
 *   options:
 *     - { id: imigrasi, label: contacts.opt_imigrasi, next: imigrasi }
 *     - { id: menu, label: common.opt_menu, next: "@menu.main" }
 * ```
 */
export const MenuNode = z.strictObject({
  type: z.literal("menu"),
  text: messageKey,
  options: z.array(MenuOption).min(1).max(12),
});
export type MenuNode = z.infer<typeof MenuNode>;

/** Finds the option a text names: its number, its id or its label. */
export function pickOption<T extends { id: string }>(
  options: readonly T[],
  labels: readonly string[],
  text: string,
): T | undefined {
  const folded = fold(text);
  const number = /^(\d{1,2})$/.exec(folded);
  if (number) return options[Number(number[1]) - 1];
  const byId = options.find((o) => o.id === folded);
  if (byId) return byId;
  const index = labels.findIndex((label) => fold(label) === folded);
  return index >= 0 ? options[index] : undefined;
}

export const menu: NodeKind<MenuNode> = {
  type: "menu",
  schema: MenuNode,
  arrive() {
    return { wait: true };
  },
  ask(node, turn) {
    return {
      text: turn.text(node.text),
      options: node.options.map((o) => turn.option(o.id, o.label)),
    };
  },
  answer(node, input, turn) {
    let chosen: MenuNode["options"][number] | undefined;
    if (input.type === "choice") chosen = node.options.find((o) => o.id === input.id);
    else if (input.type === "text") {
      const labels = node.options.map((o) => turn.text(o.label));
      chosen = pickOption(node.options, labels, input.text);
      if (!chosen) {
        return /^\s*\d+\s*$/.test(input.text)
          ? { invalid: SYSTEM.hintMenu, params: { max: node.options.length } }
          : { unmatched: true };
      }
    }
    if (!chosen) return { invalid: SYSTEM.hintMenu, params: { max: node.options.length } };
    for (const [name, value] of Object.entries(chosen.set ?? {})) turn.set(name, value);
    return { to: chosen.next };
  },
  outline(node) {
    return {
      exits: node.options.map((o) => ({ to: o.next, sets: Object.keys(o.set ?? {}) })),
      keys: [node.text, ...node.options.map((o) => o.label)],
      waits: true,
      ends: false,
    };
  },
};
