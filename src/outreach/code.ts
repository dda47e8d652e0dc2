import { CODE_ALPHABET } from "../runtime/case-ref.ts";

/** Letters of a source code: the case-reference alphabet, read aloud and typed without mix-ups. */
const CODE = `[${CODE_ALPHABET}]{4,6}`;

/** A whole source code, any case. */
const CODE_ONLY = new RegExp(`^${CODE}$`, "i");

/**
 * Makes a source code like `K7Q3`: four characters of the case-reference alphabet (no 0/O,
 * 1/I/L), longer after many collisions. `taken` says whether a code is already used.
 */
export function makeSourceCode(random: () => number, taken: (code: string) => boolean): string {
  for (let attempt = 0; ; attempt++) {
    const length = attempt < 20 ? 4 : attempt < 40 ? 5 : 6;
    let code = "";
    for (let i = 0; i < length; i++)
      code += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
    if (!taken(code)) return code;
  }
}

/** The code in canonical form (upper case) when `text` is one, else undefined. */
export function normalizeSourceCode(text: string): string | undefined {
  const trimmed = text.trim();
  return CODE_ONLY.test(trimmed) ? trimmed.toUpperCase() : undefined;
}

/** The pattern of a code inside a longer pattern. */
export const CODE_PATTERN = CODE;
