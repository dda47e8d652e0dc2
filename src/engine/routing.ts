/**
 * Where a typed message leads: a global command, a danger rule, or the matcher's flow. The
 * engine decides every free-text message with these functions, and `npm run intents` reports
 * {@link routeFirstMessage} for each line, so the tool that measures understanding measures
 * what the bot does.
 */
import { type CommandHit, findCommand } from "./commands.ts";
import type { EngineDeps, Understanding } from "./deps.ts";
import { parseTarget } from "./target.ts";
import { clip } from "./text.ts";
import type { Lang, Position } from "./types.ts";

/** The flow every conversation falls back to. */
export const MENU_FLOW = "menu";
/** The flow for someone in danger now; danger rules start it unless they name another flow. */
export const EMERGENCY_FLOW = "emergency";

/** What routing needs of the engine's dependencies. */
export type RoutingDeps = Pick<EngineDeps, "flows" | "commands" | "understand">;

/** A routing decision. */
export type Route =
  /** A global command (`menu`, `lapor`, `cek JR-…`); `flow` is the flow its target is in. */
  | { kind: "command"; hit: CommandHit; flow: string | undefined }
  /** Start `flow` at once: a danger rule fired (`danger`), or the matcher is sure. */
  | { kind: "start"; flow: string; danger: boolean; result: Understanding }
  /** The matcher is sure the text is about the flow the user is in (`here.flow`). */
  | { kind: "here"; flow: string; result: Understanding }
  /** Not sure: offer these flows ("did you mean"). */
  | { kind: "offer"; flows: string[]; result: Understanding }
  /** Not understood (or no matcher). */
  | { kind: "none"; result: Understanding | undefined };

/** The global command a text is, if any. */
export function commandRoute(deps: RoutingDeps, text: string): Route | undefined {
  const hit = findCommand(deps.commands, text);
  if (!hit) return undefined;
  return { kind: "command", hit, flow: parseTarget(hit.command.target, "")?.flow || undefined };
}

/**
 * The flow a danger rule starts: the one it names when that flow exists, else the emergency
 * flow (e.g. `crisis` before that flow is written).
 */
export function dangerFlow(deps: RoutingDeps, result: Understanding): string {
  const named = result.flow;
  return named && deps.flows.has(named) ? named : EMERGENCY_FLOW;
}

/**
 * Understands free text. `here` is where the user is when the text is no answer to the
 * question there; a flow is then never restarted from its own question (a text about it is
 * `here`), and the menu is offered only as "back" (the caller adds the way out).
 */
export function understandText(
  deps: RoutingDeps,
  text: string,
  lang: Lang,
  here?: Position,
): Route {
  const result = deps.understand?.(clip(text), lang);
  if (!result) return { kind: "none", result };
  // The emergency flow is danger, whether a rule or the ranking found it.
  const emergency = result.flow === EMERGENCY_FLOW && result.confidence === "high";
  if (result.danger !== undefined || result.urgent || emergency) {
    const flow = dangerFlow(deps, result);
    return deps.flows.has(flow)
      ? { kind: "start", flow, danger: true, result }
      : { kind: "none", result };
  }
  const usable = (f: string | null | undefined): f is string =>
    !!f && deps.flows.has(f) && f !== here?.flow;
  if (result.confidence === "high" && result.flow && here && result.flow === here.flow) {
    return { kind: "here", flow: result.flow, result };
  }
  if (result.confidence === "high" && usable(result.flow)) {
    return { kind: "start", flow: result.flow, danger: false, result };
  }
  // The way out ("menu" or "back") is always offered, so the menu is not offered twice.
  const offered = (result.confidence === "medium" ? [result.flow, ...result.alternatives] : [])
    .filter(usable)
    .filter((f) => here !== undefined || f !== MENU_FLOW)
    .filter((f, i, all) => all.indexOf(f) === i)
    .slice(0, 3);
  if (offered.length > 0) return { kind: "offer", flows: offered, result };
  if (here && result.confidence === "medium" && result.flow === here.flow) {
    return { kind: "here", flow: result.flow, result };
  }
  return { kind: "none", result };
}

/**
 * How the bot routes a new user's first message (or any message while nothing is pending):
 * global commands first, then danger rules and the matcher.
 */
export function routeFirstMessage(deps: RoutingDeps, text: string, lang: Lang): Route {
  return commandRoute(deps, text) ?? understandText(deps, text, lang);
}

/**
 * The flow a route leads to: the flow started (or the command's), the first flow offered when
 * the bot asks "did you mean", null when it is not understood.
 */
export function routeFlow(route: Route): string | null {
  switch (route.kind) {
    case "command":
      return route.flow ?? null;
    case "start":
    case "here":
      return route.flow;
    case "offer":
      return route.flows[0] ?? null;
    case "none":
      return null;
  }
}
