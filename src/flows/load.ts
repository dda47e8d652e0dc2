import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { Flow } from "../engine/flow.ts";
import type { Problem } from "./problem.ts";

/** A flow file as loaded: the flow (when valid) and where its parts are written. */
export interface LoadedFlow {
  file: string;
  flow: Flow | undefined;
  /** Line of a path such as `nodes.pick.options.0.next`. */
  lineOf(path: (string | number)[]): number | undefined;
}

/** Every flow file of a directory, with the problems found while reading them. */
export interface LoadedFlows {
  files: LoadedFlow[];
  flows: Map<string, Flow>;
  problems: Problem[];
}

/** Reads and validates one flow file's text. `file` is used in messages only. */
export function loadFlowText(
  text: string,
  file: string,
): { loaded: LoadedFlow; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  // The line of a path's key (`hi:`), or of the nearest enclosing thing that has one.
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let n = path.length; n > 0; n--) {
      const parent = doc.getIn(path.slice(0, n - 1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1]);
        const range = isScalar(pair?.key) ? pair.key.range : undefined;
        if (range) return lineCounter.linePos(range[0]).line;
      }
      const node = doc.getIn(path.slice(0, n), true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const problems: Problem[] = [];
  for (const error of doc.errors) {
    problems.push({
      severity: "error",
      file,
      line: lineCounter.linePos(error.pos[0]).line,
      message: `YAML: ${error.message.split("\n")[0]}`,
    });
  }
  if (problems.length) return { loaded: { file, flow: undefined, lineOf }, problems };
  const parsed = Flow.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
      const node = path[0] === "nodes" && path[1] !== undefined ? String(path[1]) : undefined;
      problems.push({
        severity: "error",
        file,
        line: lineOf(path),
        ...(node ? { node } : {}),
        message: `${path.join(".") || "(file)"}: ${issue.message}`,
      });
    }
    return { loaded: { file, flow: undefined, lineOf }, problems };
  }
  const flow = parsed.data;
  const expected = basename(file).replace(/\.ya?ml$/, "");
  if (flow.id !== expected) {
    problems.push({
      severity: "error",
      file,
      line: lineOf(["id"]),
      message: `the flow id "${flow.id}" must match the file name "${expected}"`,
    });
  }
  return { loaded: { file, flow, lineOf }, problems };
}

/** Loads every `*.yaml` flow in `dir`; `relative` prefixes file names in messages. */
export function loadFlows(dir: string, relative = "flows"): LoadedFlows {
  const names = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
  const files: LoadedFlow[] = [];
  const flows = new Map<string, Flow>();
  const problems: Problem[] = [];
  for (const name of names) {
    const { loaded, problems: found } = loadFlowText(
      readFileSync(join(dir, name), "utf8"),
      `${relative}/${name}`,
    );
    files.push(loaded);
    problems.push(...found);
    if (!loaded.flow) continue;
    if (flows.has(loaded.flow.id)) {
      problems.push({
        severity: "error",
        file: loaded.file,
        message: `duplicate flow id "${loaded.flow.id}"`,
      });
    } else flows.set(loaded.flow.id, loaded.flow);
  }
  return { files, flows, problems };
}
