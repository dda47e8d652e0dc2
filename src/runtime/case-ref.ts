/**
 * Letters and digits that cannot be confused when read aloud or typed (no 0/O, 1/I/L). Outreach
 * source codes use it too.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const ALPHABET = CODE_ALPHABET;

/**
 * Makes a case reference like `JR-7Q3K`: short, readable and safe to type on a phone.
 * `taken` says whether a reference is already used; after many collisions the code grows.
 */
export function makeCaseRef(random: () => number, taken: (ref: string) => boolean): string {
  for (let attempt = 0; ; attempt++) {
    const length = attempt < 20 ? 4 : attempt < 40 ? 5 : 6;
    let code = "";
    for (let i = 0; i < length; i++) code += ALPHABET[Math.floor(random() * ALPHABET.length)];
    const ref = `JR-${code}`;
    if (!taken(ref)) return ref;
  }
}

/** True when a text looks like a case reference (any case, with or without the dash). */
export function normalizeCaseRef(text: string): string | undefined {
  const m = /\bJR-?([2-9A-HJ-NP-Z]{4,6})\b/i.exec(text.trim());
  return m ? `JR-${(m[1] as string).toUpperCase()}` : undefined;
}
