/**
 * Where a first message arrives with a source code, and what is counted for the source
 * afterwards. The runtime calls it around each engine step, inside the message's transaction,
 * so channels only pass the payload or text through: Telegram's `/start <code>` payload, a
 * WhatsApp first message carrying `#<code>`, the web chat's `?src=<code>` (as the inbound's
 * `entry`).
 *
 * Counting is by first touch: a user's first message with a known code links them to that
 * source (once) and counts a new user. While the link exists, the source's week gets the
 * user's language, the flows they reach (`legal_steps`, `offer_check`, `agency_check`, once
 * each) and the reports and emergencies they open. Erasing the user deletes the link; the
 * counters name no one and stay.
 */
import type { Inbound } from "../channels/channel.ts";
import { MENU_FLOW, type RoutingDeps, routeFirstMessage } from "../engine/routing.ts";
import {
  isLang,
  type Lang,
  type SessionState,
  type StepResult,
  type UserInput,
} from "../engine/types.ts";
import type { ArrivalHooks, Arrival as BaseArrival } from "../runtime/arrivals.ts";
import type { Source, SourceLink, Sources } from "../store/sources.ts";
import { type EntryToken, parseEntryToken, tokenInText } from "./entry.ts";
import { weekOf } from "./week.ts";

/** The flows whose reach is counted per source. */
export const TRACKED_FLOWS = ["legal_steps", "offer_check", "agency_check"] as const;

/** The counters kept per source and week. */
export const METRIC = {
  newUsers: "new_users",
  lang: (lang: Lang) => `lang_${lang}`,
  flow: (flow: string) => `flow_${flow}`,
  report: "case_report",
  emergency: "case_emergency",
} as const;

/** What the tracker made of a message before the engine sees it. */
export interface Arrival extends BaseArrival {
  /** The source whose code came with the message. */
  source?: Source;
}

/** Reads entry codes and keeps the per-source counters. */
export class SourceTracker implements ArrivalHooks<Arrival> {
  constructor(
    private readonly sources: Sources,
    private readonly routing: RoutingDeps & { defaultLang: Lang },
  ) {}

  /**
   * Finds a known source's code in the message. The code is never answered as a question: a
   * deep link's payload becomes a plain start, and a message that said nothing else (or only
   * a greeting) becomes one too, so the bot greets. A code nobody made is left as it was.
   */
  arrive(inbound: Inbound): Arrival {
    const plain: Arrival = { input: inbound.input, langHint: inbound.langHint };
    const input = inbound.input;
    const found = this.find(inbound);
    if (!found) return plain;
    const source = this.sources.byCode(found.token.code);
    if (!source) return plain;
    const langHint = found.token.lang ?? source.lang;
    if (found.rest === undefined) return { input, langHint, source };
    return { input: this.without(found.rest, langHint), langHint, source };
  }

  /** Counts what a step did for the user's source (see the module comment). */
  record(
    userId: number,
    prev: SessionState | null,
    arrival: Arrival,
    result: StepResult,
    now: number,
  ): void {
    const state = result.state;
    let link = this.sources.linkOf(userId);
    if (!link && prev === null && arrival.source) {
      const first: SourceLink = {
        sourceId: arrival.source.id,
        week: weekOf(now),
        lang: state.lang,
        reached: [],
      };
      if (this.sources.link(userId, first)) {
        this.sources.bump(first.sourceId, first.week, METRIC.newUsers);
        this.sources.bump(first.sourceId, first.week, METRIC.lang(first.lang));
        link = first;
      }
    }
    if (!link) return;
    const { sourceId, week } = link;
    let changed = false;
    if (state.lang !== link.lang) {
      // Language share is of people: a user who switches moves from one count to the other.
      this.sources.bump(sourceId, week, METRIC.lang(link.lang), -1);
      this.sources.bump(sourceId, week, METRIC.lang(state.lang));
      link = { ...link, lang: state.lang };
      changed = true;
    }
    const flow = state.prompt?.kind === "node" ? state.prompt.flow : undefined;
    if (
      flow &&
      (TRACKED_FLOWS as readonly string[]).includes(flow) &&
      !link.reached.includes(flow)
    ) {
      this.sources.bump(sourceId, week, METRIC.flow(flow));
      link = { ...link, reached: [...link.reached, flow] };
      changed = true;
    }
    for (const effect of result.effects) {
      if (effect.type !== "open_case") continue;
      if (effect.draft.kind === "report") this.sources.bump(sourceId, week, METRIC.report);
      if (effect.draft.kind === "emergency") this.sources.bump(sourceId, week, METRIC.emergency);
    }
    if (changed) this.sources.updateLink(userId, link);
  }

  /** The token a message carries, and for text the rest of it (undefined: nothing to take out). */
  private find(inbound: Inbound): { token: EntryToken; rest?: string } | undefined {
    const input = inbound.input;
    if (inbound.entry) {
      const token = parseEntryToken(inbound.entry);
      return token ? { token } : undefined;
    }
    if (input.type === "start" && input.payload && !this.routing.flows.has(input.payload)) {
      const token = parseEntryToken(input.payload, true);
      return token ? { token, rest: "" } : undefined;
    }
    if (input.type === "text") return tokenInText(input.text);
    return undefined;
  }

  /** The input left once the code is taken out of a message. */
  private without(rest: string, langHint: string): UserInput {
    if (!rest) return { type: "start" };
    const lang = isLang(langHint) ? langHint : this.routing.defaultLang;
    const route = routeFirstMessage(this.routing, rest, lang);
    const greeting =
      route.kind === "none" || (route.kind === "command" && route.flow === MENU_FLOW);
    return greeting ? { type: "start" } : { type: "text", text: rest };
  }
}
