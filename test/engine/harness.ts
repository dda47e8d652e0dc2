import type { Command, EngineDeps, Understand } from "../../src/engine/deps.ts";
import { step } from "../../src/engine/engine.ts";
import type { Flow } from "../../src/engine/flow.ts";
import type { Effect, OutMessage, SessionState, UserInput } from "../../src/engine/types.ts";
import { loadFlowText } from "../../src/flows/load.ts";

/** Parses inline flow YAML (throws on schema errors). */
export function flows(...texts: string[]): Map<string, Flow> {
  const map = new Map<string, Flow>();
  for (const text of texts) {
    const id = /^id: (\w+)/m.exec(text)?.[1] ?? "x";
    const { loaded, problems } = loadFlowText(text, `${id}.yaml`);
    if (!loaded.flow) throw new Error(problems.map((p) => p.message).join("\n"));
    map.set(id, loaded.flow);
  }
  return map;
}

/** Renders `lang:key` plus the params the text would use, e.g. `id:t.hi{name=Ani}`. */
export function fakeT(lang: string, key: string, params?: Record<string, unknown>): string {
  const wanted = ["name", "max", "case_ref", "n", "ref", "status"].filter(
    (k) => params && k in params && params[k] !== undefined,
  );
  const shown = wanted.map((k) => `${k}=${String(params?.[k])}`).join(",");
  return `${lang}:${key}${shown ? `{${shown}}` : ""}`;
}

export const COMMANDS: Command[] = [
  {
    name: "menu",
    words: ["menu", "0", "halo"],
    prefixes: [],
    argVar: undefined,
    target: "@menu",
    interrupt: false,
  },
  {
    name: "language",
    words: ["bahasa", "basa"],
    prefixes: [],
    argVar: undefined,
    target: "@language",
    interrupt: true,
  },
  {
    name: "case_status",
    words: [],
    prefixes: ["cek"],
    argVar: "case_query",
    target: "@menu",
    interrupt: false,
  },
];

/** A small engine host for tests: keeps the state between inputs, with a movable clock. */
export class Host {
  state: SessionState | null = null;
  now = Date.UTC(2026, 10, 27, 9);
  refs = 0;
  deps: EngineDeps;

  constructor(flowSet: Map<string, Flow>, understand?: Understand, maxSteps = 50) {
    this.deps = {
      flows: flowSet,
      t: fakeT,
      now: this.now,
      newCaseRef: () => `JR-T${++this.refs}`,
      settings: { defaultLang: "id", idleMs: 60 * 60_000, maxSteps, maxRetries: 2 },
      lexicon: {
        id: {
          yes: ["ya", "iya"],
          no: ["tidak", "gak"],
          skip: ["lewati"],
          unknown: ["gak tau", "tidak tahu"],
        },
        mad: {
          yes: ["engghi"],
          no: ["bhunten"],
          skip: ["terros"],
          unknown: ["ta taoh", "ta oneng"],
        },
      },
      sources: {
        countries: [
          { id: "malaysia", label: "countries.malaysia", aliases: ["malay", "malaysia"] },
          { id: "other", label: "countries.other", aliases: ["lain"] },
        ],
      },
      params: {},
      commands: COMMANDS,
      understand,
    };
  }

  /** Sends one input; returns the effects. */
  send(input: UserInput | string, langHint?: string): Effect[] {
    const actual: UserInput = typeof input === "string" ? { type: "text", text: input } : input;
    const result = step({ ...this.deps, now: this.now }, this.state, actual, { langHint });
    this.state = result.state;
    return result.effects;
  }

  /** The replies of a step. */
  replies(input: UserInput | string): OutMessage[] {
    return this.send(input).flatMap((e) => (e.type === "reply" ? [e.message] : []));
  }

  /** The option ids the last reply of a step offers. */
  lastOptions(input: UserInput | string): string[] | undefined {
    return this.replies(input)
      .at(-1)
      ?.options?.map((o) => o.id);
  }

  /** The reply texts of a step. */
  texts(input: UserInput | string): string[] {
    return this.replies(input).map((m) => m.text);
  }
}

export const MENU = `
id: menu
start: welcome
nodes:
  welcome: { type: say, text: menu.welcome, next: main }
  main:
    type: menu
    text: menu.question
    options:
      - { id: form, label: menu.opt_form, next: "@form" }
      - { id: bahasa, label: menu.opt_bhasa, next: "@language" }
`;

export const LANGUAGE = `
id: language
start: choose
nodes:
  choose:
    type: menu
    text: language.choose
    options:
      - { id: id, label: language.opt_id, next: to_id }
      - { id: mad, label: language.opt_mad, next: to_mad }
  to_id: { type: set, language: id, next: done }
  to_mad: { type: set, language: mad, next: done }
  done: { type: end, text: language.changed, next: "@menu.main" }
`;

export const HUMAN = `
id: human
start: ask
nodes:
  ask: { type: ask, text: human.ask, input: text, var: question, next: open }
  open: { type: escalate, kind: question, category: question, answers: [question], next: done }
  done: { type: end, text: human.sent }
`;

export const INFO = `
id: info
start: a
nodes:
  a: { type: end, text: info.a }
`;

export const FORM = `
id: form
start: age
nodes:
  age: { type: ask, text: form.age, input: number, var: age, min: 15, max: 80, next: paid }
  paid: { type: ask, text: form.paid, input: yesno, var: paid, next: score }
  score:
    type: branch
    cases:
      - { when: { var: paid, equals: true }, next: add }
    else: phone
  add: { type: set, add: { risk: 2 }, vars: { flag_paid: true }, next: phone }
  phone: { type: ask, text: form.phone, input: phone, var: phone, personal: true, optional: true, next: since }
  since: { type: ask, text: form.since, input: date, var: since, next: country }
  country: { type: ask, text: form.country, input: choice, source: countries, var: country, next: photo }
  photo: { type: ask, text: form.photo, input: media, var: files, optional: true, next: prio }
  prio:
    type: branch
    cases:
      - { when: [{ var: risk, gte: 2 }, { var: country, in: [malaysia] }], next: urgent }
    else: open
  urgent: { type: set, vars: { priority: urgent }, next: open }
  open:
    type: escalate
    kind: report
    category: $country
    priority: $priority
    answers: [age, paid, phone, since, country, files]
    personal: [phone]
    next: done
  done: { type: end, text: form.done }
`;
