/** A defect found in the content (flows, locales, data), located as precisely as possible. */
export interface Problem {
  severity: "error" | "warning";
  /** File the problem is in, relative to the project root. */
  file: string;
  line?: number;
  /** `flow.node` when the problem belongs to a node. */
  node?: string;
  message: string;
}

/** Formats a problem as one line: `flows/x.yaml:12 [x.pick] error: …`. */
export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const node = p.node ? ` [${p.node}]` : "";
  return `${where}${node} ${p.severity}: ${p.message}`;
}
