import * as z from "zod";
import { scalar, varName } from "./nodes/fields.ts";
import type { Vars } from "./types.ts";

/**
 * A condition over one variable. A small typed union on purpose: no expression language.
 *
 * ```yaml
 * { var: kind, equals: violence }
 * { var: kind, in: [violence, detained] }
 * { var: risk, gte: 3 }
 * { var: phone, set: true }
 * { data: referrals.names, set: true }   # reference data (data/), not a session variable
 * ```
 */
export const Condition = z.union([
  z.strictObject({
    data: z
      .string()
      .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "a data path such as `referrals.names`"),
    set: z.boolean(),
  }),
  z.strictObject({ var: varName, equals: scalar }),
  z.strictObject({ var: varName, in: z.array(scalar).min(1) }),
  z.strictObject({ var: varName, gt: z.number() }),
  z.strictObject({ var: varName, gte: z.number() }),
  z.strictObject({ var: varName, lt: z.number() }),
  z.strictObject({ var: varName, lte: z.number() }),
  z.strictObject({ var: varName, set: z.boolean() }),
]);
export type Condition = z.infer<typeof Condition>;

function isSet(value: unknown): boolean {
  return (
    value !== undefined &&
    value !== null &&
    value !== "" &&
    !(Array.isArray(value) && value.length === 0)
  );
}

function lookup(root: Record<string, unknown>, path: string): unknown {
  let value: unknown = root;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * Evaluates a condition over the session's variables (and, for `data`, the reference data);
 * comparisons on a missing or non-numeric variable are false.
 */
export function test(cond: Condition, vars: Vars, data: Record<string, unknown> = {}): boolean {
  if ("data" in cond) return isSet(lookup(data, cond.data)) === cond.set;
  const value = vars[cond.var];
  if ("set" in cond) return isSet(value) === cond.set;
  if ("equals" in cond) return value === cond.equals;
  if ("in" in cond) return cond.in.some((v) => v === value);
  if (typeof value !== "number") return false;
  if ("gt" in cond) return value > cond.gt;
  if ("gte" in cond) return value >= cond.gte;
  if ("lt" in cond) return value < cond.lt;
  return value <= cond.lte;
}

/** Variables a condition proves set when it holds (for the checker). */
export function provesSet(cond: Condition): string[] {
  if ("data" in cond) return [];
  if ("set" in cond) return cond.set ? [cond.var] : [];
  return [cond.var];
}
