import type { Lang, SessionState } from "./types.ts";

/** A fresh session for a new user, in `lang` until they choose. */
export function newSession(lang: Lang, now: number): SessionState {
  return {
    v: 1,
    lang,
    langChosen: false,
    prompt: null,
    stack: [],
    vars: {},
    retries: 0,
    seq: 0,
    lastActive: now,
    mode: "bot",
  };
}
