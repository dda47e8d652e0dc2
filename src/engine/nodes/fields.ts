import * as z from "zod";
import { isTarget } from "../target.ts";

/** A message key such as `contacts.intro`: the first part names the locale file. */
export const messageKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, "a message key looks like `file.name` (lowercase)");

/** One key or a list of keys, each sent as its own message. */
export const messageKeys = z.union([messageKey, z.array(messageKey).min(1)]);

/** Where to go: `node`, `@flow` or `@flow.node`. */
export const target = z
  .string()
  .refine(isTarget, "a target is `node`, `@flow` or `@flow.node` (lowercase, digits, _)");

/** A variable name. */
export const varName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "a variable name is lowercase letters, digits and _");

/** A plain value a flow can store or compare. */
export const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** Normalises `messageKeys` to a list. */
export function keyList(keys: string | string[]): string[] {
  return typeof keys === "string" ? [keys] : keys;
}
