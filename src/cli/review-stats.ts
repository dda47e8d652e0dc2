/**
 * `npm run review:stats [-- --root DIR]`: the voice and defect counts of the Madurese texts
 * (see `voice.ts`), e.g. to compare a branch with an older checkout.
 */

import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../app.ts";
import { flatten, loadLocales } from "../i18n/locales.ts";
import { ID_ONLY_NAMESPACES } from "../i18n/namespaces.ts";
import { SAFETY_DEFECTS, voiceStats } from "../review/voice.ts";
import { runCli } from "./run.ts";

function main(): number {
  const { values } = parseArgs({ options: { root: { type: "string" } } });
  const root = values.root ?? PROJECT_ROOT;
  const all = flatten(loadLocales(join(root, "locales")).resources.mad);
  const texts = new Map(
    [...all].filter(([k]) => !ID_ONLY_NAMESPACES.includes(k.split(".")[0] ?? "")),
  );
  const s = voiceStats(texts);
  console.log(`Madurese texts:                       ${s.strings}`);
  console.log(`texts with èatorè:                    ${s.withEatore}`);
  console.log(`èatorè in all:                        ${s.eatoreTokens}`);
  console.log(`sentence-initial Èatorè:              ${s.sentenceInitialEatore}`);
  console.log(`texts with panjhennengngan 2+ times:  ${s.withRepeatedYou}`);
  console.log(`polite -èpon:                         ${s.epon}`);
  console.log(`non-words / spelling departures:      ${s.wrongFormTotal}`);
  for (const [form, n] of Object.entries(s.wrongForms)) console.log(`  ${form}: ${n}`);
  console.log(
    `safety texts with a review defect:    ${s.safetyDefects.length} of ${SAFETY_DEFECTS.length}${s.safetyDefects.length ? ` (${s.safetyDefects.join(", ")})` : ""}`,
  );
  return 0;
}

runCli(main);
