import * as z from "zod";
import { isDontKnow } from "../answers.ts";
import type { NodeKind } from "../node-kind.ts";
import { nameOption, pickOption } from "../option-names.ts";
import { SYSTEM } from "../system-keys.ts";
import { messageKey, scalar, target, varName } from "./fields.ts";

export { pickOption };

const MenuOption = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,23}$/, "an option id is short: a-z, 0-9, _ or -"),
  label: messageKey,
  next: target,
  /** Variables to set when this option is chosen (e.g. the destination country). */
  set: z.record(varName, scalar).optional(),
});

/**
 * `menu` asks a question with options. The user answers by tapping an option, by its number
 * or by typing its label (case and accents do not matter) — or a text that names one option
 * (see `option-names.ts`). With `detail`, what such a text says beyond the option is kept in
 * that variable (added to what it holds), e.g. "Anak saya Siti, berangkat lewat sponsor ke
 * Johor" at "about whom?" chooses "Anak saya" and keeps the rest for staff.
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
  /** Where the rest of a typed answer that names an option is kept. */
  detail: varName.optional(),
});
export type MenuNode = z.infer<typeof MenuNode>;

/** Longest detail kept from typed answers. */
const MAX_DETAIL = 2000;

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
    let loose = false;
    if (input.type === "choice") chosen = node.options.find((o) => o.id === input.id);
    else if (input.type === "text") {
      const text = input.text;
      if (/^\s*\d+\s*$/.test(text) && !pickOption(node.options, [], text)) {
        return { invalid: SYSTEM.hintMenu, params: { max: node.options.length } };
      }
      if (isDontKnow(text, turn.lexicons(), true)) return { invalid: SYSTEM.hintUnsure };
      const labels = node.options.map((o) => turn.text(o.label));
      const named = nameOption(node.options, labels, text, turn.deps.sense);
      if (named && "ambiguous" in named) return { unmatched: true, ambiguous: true };
      if (!named) return { unmatched: true };
      chosen = named.option;
      loose = !named.exact;
      if (node.detail && named.detail) {
        const before = turn.state.vars[node.detail];
        const kept =
          typeof before === "string" && before ? `${before}\n${named.detail}` : named.detail;
        turn.set(node.detail, kept.slice(0, MAX_DETAIL));
      }
    }
    if (!chosen) return { invalid: SYSTEM.hintMenu, params: { max: node.options.length } };
    for (const [name, value] of Object.entries(chosen.set ?? {})) turn.set(name, value);
    return loose ? { to: chosen.next, loose } : { to: chosen.next };
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
