import type { Position } from "./types.ts";

/**
 * A target names where to go next. In flow files it is written as:
 * - `node`           — a node of the same flow;
 * - `@flow`          — the start node of another flow;
 * - `@flow.node`     — a given node of another flow.
 */
export type Target = string;

const TARGET = /^(?:@([a-z][a-z0-9_]*)(?:\.([a-z][a-z0-9_]*))?|([a-z][a-z0-9_]*))$/;

/** A parsed target: `node` is undefined when the target is a flow's start. */
export interface ParsedTarget {
  flow: string;
  node: string | undefined;
}

/** Reads a target written in `flow` (for local node names); null when malformed. */
export function parseTarget(target: Target, flow: string): ParsedTarget | null {
  const m = TARGET.exec(target);
  if (!m) return null;
  if (m[3] !== undefined) return { flow, node: m[3] };
  return { flow: m[1] as string, node: m[2] };
}

/** True when the text has the form of a target. */
export function isTarget(value: string): boolean {
  return TARGET.test(value);
}

/** Writes a position as a target string that works from any flow. */
export function positionTarget(pos: Position): Target {
  return `@${pos.flow}.${pos.node}`;
}
