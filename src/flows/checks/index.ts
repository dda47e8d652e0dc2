import { commandTarget } from "./command-target.ts";
import type { Check } from "./context.ts";
import { contractFlows } from "./contract-flows.ts";
import { dataFiles } from "./data-files.ts";
import { dataValue } from "./data-value.ts";
import { duplicateOption } from "./duplicate-option.ts";
import { engineFlows } from "./engine-flows.ts";
import { flowFiles } from "./flow-files.ts";
import { localeFiles } from "./locale-files.ts";
import { loopWithoutQuestion } from "./loop-without-question.ts";
import { missingKey } from "./missing-key.ts";
import { missingStart } from "./missing-start.ts";
import { noWayOut } from "./no-way-out.ts";
import { phoneNumbers } from "./phone-numbers.ts";
import { serviceValue } from "./service-value.ts";
import { staleContacts } from "./stale-contacts.ts";
import { unknownSource } from "./unknown-source.ts";
import { unknownTarget } from "./unknown-target.ts";
import { unreachable } from "./unreachable.ts";
import { unsetVariable } from "./unset-variable.ts";
import { unusedKey } from "./unused-key.ts";

/**
 * Every check the flow checker runs, in the order their problems are listed. Adding one means a
 * module here, a line in this list and a broken fixture in `test/fixtures/checks/<name>/`.
 */
export const CHECKS: readonly Check[] = [
  flowFiles,
  dataFiles,
  staleContacts,
  localeFiles,
  unknownTarget,
  commandTarget,
  unreachable,
  missingStart,
  loopWithoutQuestion,
  noWayOut,
  engineFlows,
  contractFlows,
  phoneNumbers,
  missingKey,
  unsetVariable,
  dataValue,
  serviceValue,
  unknownSource,
  duplicateOption,
  unusedKey,
];
