import type { NodeKind } from "../node-kind.ts";
import { ask } from "./ask.ts";
import { branch } from "./branch.ts";
import { cases } from "./cases.ts";
import { end } from "./end.ts";
import { erase } from "./erase.ts";
import { escalate } from "./escalate.ts";
import { goto } from "./goto.ts";
import { helplines } from "./helplines.ts";
import { menu } from "./menu.ts";
import { say } from "./say.ts";
import { set } from "./set.ts";

/** Every node kind, by its `type` name. */
export const NODE_KINDS = {
  say,
  menu,
  ask,
  branch,
  set,
  escalate,
  goto,
  end,
  erase,
  cases,
  helplines,
} as const;

export type NodeType = keyof typeof NODE_KINDS;

/** Looks a kind up by name. */
export function kindOf(type: string): NodeKind<{ type: string }> | undefined {
  return (NODE_KINDS as Record<string, NodeKind<{ type: string }>>)[type];
}
