import type * as z from "zod";
import type { Target } from "./target.ts";
import type { Turn } from "./turn.ts";
import type { OutMessage, UserInput } from "./types.ts";

/** What happens when the engine arrives at a node. */
export type Arrival =
  /** Carry on at another node without waiting. */
  | { to: Target }
  /** Ask the node's question and wait for the user. */
  | { wait: true }
  /** The flow is over (`next` is where to go when no question was interrupted). */
  | { end: true; next: Target | undefined };

/** What a user's input does to a waiting node. */
export type Reply =
  /**
   * Go on at `to`. `loose` when the answer was free text that only named an option ("Anak saya
   * Siti, …"): the engine still checks it for danger, and in a menu of topics for a clearer
   * question, before it goes on.
   */
  | { to: Target; loose?: boolean }
  /** The input is not a valid answer: re-ask, after the hint message with this key. */
  | { invalid: string; params?: Record<string, unknown> }
  /**
   * Free text that is no answer here; the engine may try to understand it. `ambiguous` when it
   * names several options (asked again with the options unless it is understood).
   */
  | { unmatched: true; ambiguous?: boolean };

/** One way out of a node, for the checker. `sets` are variables surely set along it. */
export interface Exit {
  to: Target;
  sets: string[];
}

/** What the checker needs to know about a node without running it. */
export interface Outline {
  exits: Exit[];
  /** Message keys rendered at this node. */
  keys: string[];
  /** Placeholders the node fills itself, by key (not read from variables). */
  provides?: Record<string, string[]>;
  /** True when the node waits for the user (which breaks automatic loops). */
  waits: boolean;
  /** True when the flow can end here. */
  ends: boolean;
}

/**
 * A kind of node: its schema in flow files and its behaviour. Each kind lives in its own file
 * under `nodes/` and is registered by its `type` name, so adding a kind touches one file and the
 * registry.
 */
export interface NodeKind<N extends { type: string }> {
  type: N["type"];
  schema: z.ZodType<N>;
  /** Called when the engine arrives at the node. */
  arrive(node: N, turn: Turn): Arrival;
  /** The node's question (for waiting nodes), asked on arrival and again after interruptions. */
  ask?(node: N, turn: Turn): OutMessage;
  /** Handles the user's input while the engine waits at this node. */
  answer?(node: N, input: UserInput, turn: Turn): Reply;
  /** Static facts for the flow checker. */
  outline(node: N): Outline;
}
