import { staleContacts as stale } from "../../reference/freshness.ts";
import type { Check } from "./context.ts";

/** Contacts checked long before today (a warning: numbers and addresses change). */
export const staleContacts: Check = {
  name: "stale-contacts",
  run: ({ input }) => (input.now === undefined ? [] : stale(input.reference.contacts, input.now)),
};
