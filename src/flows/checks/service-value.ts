import { SERVICE_PARAMS } from "../../engine/turn.ts";
import type { Check } from "./context.ts";
import { isService, placeholderUses } from "./placeholders.ts";

/** Messages that show a `{{service.value}}` the engine does not pass. */
export const serviceValue: Check = {
  name: "service-value",
  run: (context) =>
    placeholderUses(context)
      .filter(isService)
      .filter((use) => !(SERVICE_PARAMS as readonly string[]).includes(use.rest.join(".")))
      .map((use) => ({
        severity: "error",
        ...use.where,
        message: `"${use.key}" (${use.lang}) uses {{${use.name}}}; the service's values are ${SERVICE_PARAMS.join(", ")}`,
      })),
};
