/**
 * `npm run content:map`: rewrites the content-map section of README.md from the flows, the
 * locales and data/. `--check` only reports whether the section is up to date (exit 1 if not).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { contentDirs, loadContent } from "../content.ts";
import { contentMap, withContentMap } from "../flows/content-map.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const path = join(root, "README.md");
const readme = readFileSync(path, "utf8");
const updated = withContentMap(readme, contentMap(loadContent(contentDirs(root))));
if (process.argv.includes("--check")) {
  console.log(updated === readme ? "content map is up to date" : "content map is out of date");
  process.exitCode = updated === readme ? 0 : 1;
} else if (updated !== readme) {
  writeFileSync(path, updated);
  console.log("README.md: content map updated");
} else console.log("README.md: content map already up to date");
