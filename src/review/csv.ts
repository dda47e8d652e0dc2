/**
 * CSV as spreadsheet programs read and write it: UTF-8 with a byte-order mark (so Excel shows
 * â, è and ḍ), CRLF line ends and every field quoted. Reading accepts what LibreOffice, Excel
 * (also in Indonesian settings, which save with `;`) and Google Sheets write back.
 */

const BOM = "\uFEFF";

/** One field, always quoted; a quote inside is doubled. Line breaks stay inside the quotes. */
function field(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Writes rows as CSV text, starting with a byte-order mark. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${BOM + rows.map((row) => row.map(field).join(",")).join("\r\n")}\r\n`;
}

/** The separator a sheet was saved with, guessed from its first line (outside quotes). */
function separatorOf(text: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ",";
}

/** Thrown when a CSV file cannot be read (an unclosed quote). */
export class CsvError extends Error {}

/**
 * Reads CSV text into rows of fields: a leading byte-order mark is dropped, `,` `;` or tab is
 * recognised as the separator, quoted fields may hold separators, quotes and line breaks, and
 * CRLF or LF both end a row. Line breaks inside a field come back as `\n`. Empty rows are left out.
 */
export function parseCsv(input: string): string[][] {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const sep = separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let value = "";
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(value);
    if (row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
    value = "";
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else if (ch === "\r" && text[i + 1] === "\n") {
        value += "\n";
        i += 2;
        continue;
      } else value += ch === "\r" ? "\n" : ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(value);
      value = "";
    } else if (ch === "\r" || ch === "\n") {
      endRow();
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else value += ch;
    i++;
  }
  if (quoted) throw new CsvError("the file ends inside a quoted field (a missing closing quote)");
  if (value !== "" || row.length > 0) endRow();
  return rows;
}
