/**
 * A word-level difference between two texts, for showing a reviewer's correction in a terminal:
 * removed words as `[-…-]`, added ones as `{+…+}`.
 */

/** `before` and `after` as one line of words with the removed and added parts marked. */
export function wordDiff(before: string, after: string): string {
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  // Longest common subsequence over the tokens (texts are at most a few hundred words).
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      (lcs[i] as number[])[j] =
        a[i] === b[j]
          ? ((lcs[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lcs[i + 1] as number[])[j] as number, (lcs[i] as number[])[j + 1] as number);
  const out: string[] = [];
  let del = "";
  let add = "";
  const flush = () => {
    if (del.trim()) out.push(`[-${del.trim()}-]${/\s$/.test(del) ? " " : ""}`);
    if (add.trim()) out.push(`{+${add.trim()}+}${/\s$/.test(add) ? " " : ""}`);
    del = "";
    add = "";
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      out.push(a[i] as string);
      i++;
      j++;
    } else if (
      j < b.length &&
      (i >= a.length ||
        ((lcs[i] as number[])[j + 1] as number) >= ((lcs[i + 1] as number[])[j] as number))
    ) {
      add += b[j];
      j++;
    } else {
      del += a[i];
      i++;
    }
  }
  flush();
  return out.join("").replace(/\n/g, "⏎");
}
