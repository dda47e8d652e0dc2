/**
 * Writing corrected messages into a locale file without disturbing it: each message is one line
 * (`  "key": "text",`), so only the changed lines are rewritten; key order, indentation and
 * every other line stay as they were (other people edit the same files).
 */

/** Thrown when a locale file is not laid out one message per line. */
export class LocaleFileError extends Error {}

/** The file's text with the messages in `updates` (key within the file → text) replaced. */
export function withMessages(fileText: string, updates: ReadonlyMap<string, string>): string {
  const found = new Set<string>();
  const out = fileText.split("\n").map((line) => {
    const m = /^(\s*)("(?:[^"\\]|\\.)*"): ("(?:[^"\\]|\\.)*")(,?)(\r?)$/.exec(line);
    if (!m) return line;
    const key = JSON.parse(m[2] as string) as string;
    const text = updates.get(key);
    if (text === undefined) return line;
    found.add(key);
    return `${m[1]}${m[2]}: ${JSON.stringify(text)}${m[4]}${m[5]}`;
  });
  const missing = [...updates.keys()].filter((k) => !found.has(k));
  if (missing.length)
    throw new LocaleFileError(`not found as one-line messages: ${missing.join(", ")}`);
  const result = out.join("\n");
  const parsed = JSON.parse(result) as Record<string, unknown>;
  for (const [key, text] of updates)
    if (parsed[key] !== text) throw new LocaleFileError(`"${key}" did not take its new text`);
  return result;
}
