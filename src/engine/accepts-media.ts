import type { FlowSet } from "./flow.ts";
import type { SessionState } from "./types.ts";

/**
 * Whether a file sent now would be used: the pending question asks for one (`input: media`),
 * or nothing is pending and the person has a case open with staff (the file is added to it).
 * Channels that must ration storage (the web chat) refuse files otherwise.
 */
export function acceptsMedia(state: SessionState | null, flows: FlowSet): boolean {
  if (!state) return false;
  const prompt = state.prompt;
  if (!prompt) return state.mode !== "bot" && Boolean(state.openCase);
  if (prompt.kind !== "node") return false;
  const node = flows.get(prompt.flow)?.nodes[prompt.node];
  return node?.type === "ask" && node.input === "media";
}
