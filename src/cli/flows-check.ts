/**
 * `npm run flows:check`: checks flows, locales and data; prints every problem and a one-line
 * summary; exits 1 when there are errors.
 */
import { fileURLToPath } from "node:url";
import { checkLoaded, contentDirs, loadContent } from "../content.ts";
import { formatProblem } from "../flows/problem.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const result = checkLoaded(loadContent(contentDirs(root)));
for (const problem of result.problems) console.log(formatProblem(problem));
console.log(result.summary);
process.exitCode = result.errors > 0 ? 1 : 0;
