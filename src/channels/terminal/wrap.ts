/**
 * Word wrapping for the terminal chat: a long message breaks between words to fit the window,
 * and a list item's continuation lines line up under its text. A single word longer than the
 * line (a web address) stays whole, so it can still be copied.
 */

/** Columns a string takes in a terminal: emoji count two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    // Combining marks, the zero-width joiner and the variation selectors take no column.
    if (/\p{M}|\u200d|\ufe0e|\ufe0f/u.test(char)) continue;
    width += /\p{Extended_Pictographic}/u.test(char) ? 2 : 1;
  }
  return width;
}

/** The indent a line's continuation gets: its own indent plus a list marker ("1. ", "- "). */
function hangingIndent(line: string): string {
  const lead = /^(\s*)((?:\d+[.)]|[-•*])\s+)?/.exec(line);
  return " ".repeat(displayWidth(lead?.[0] ?? ""));
}

/** Breaks one line at spaces into lines of at most `width` columns. */
function wrapLine(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const indent = hangingIndent(line);
  const lead = /^\s*/.exec(line)?.[0] ?? "";
  const words = line.slice(lead.length).split(/ +/).filter(Boolean);
  const lines: string[] = [];
  let current = lead;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? `${current}${word}` : `${current} ${word}`;
    if (empty || displayWidth(candidate) <= width) {
      current = candidate;
      empty = false;
      continue;
    }
    lines.push(current);
    current = `${indent}${word}`;
  }
  lines.push(current);
  return lines;
}

/** Wraps `text` (which may hold several lines) to `width` columns, breaking only at spaces. */
export function wrapText(text: string, width: number): string {
  const usable = Math.max(width, 20);
  return text
    .split("\n")
    .flatMap((line) => wrapLine(line.trimEnd(), usable))
    .join("\n");
}
