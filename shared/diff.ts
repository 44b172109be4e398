/**
 * A readable diff between two texts (versions of a section): first by paragraph, then by word within
 * a changed paragraph, so that a reader sees "what did they change since I consented".
 */
export type DiffPart = { op: 'same' | 'added' | 'removed'; text: string };

/** Longest-common-subsequence diff of two token lists (small inputs: paragraphs, or words of one). */
function lcsDiff(a: readonly string[], b: readonly string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  // Beyond this size the table costs too much: show the change as a whole.
  if (n * m > 2_000_000) {
    return [
      ...(n ? [{ op: 'removed' as const, text: a.join('') }] : []),
      ...(m ? [{ op: 'added' as const, text: b.join('') }] : []),
    ];
  }
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    const last = parts.at(-1);
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < n) push('removed', a[i++]!);
  while (j < m) push('added', b[j++]!);
  return parts;
}

const words = (text: string) => text.match(/\s+|[^\s]+/g) ?? [];

export function diffTexts(before: string, after: string): DiffPart[] {
  const paragraphs = (text: string) => text.split(/(?<=\n)/);
  const coarse = lcsDiff(paragraphs(before), paragraphs(after));
  const parts: DiffPart[] = [];
  for (let k = 0; k < coarse.length; k++) {
    const part = coarse[k]!;
    const next = coarse[k + 1];
    // A paragraph replaced by another: show the words that changed within it.
    if (part.op === 'removed' && next?.op === 'added') {
      parts.push(...lcsDiff(words(part.text), words(next.text)));
      k++;
    } else parts.push(part);
  }
  return parts.reduce<DiffPart[]>((merged, part) => {
    const last = merged.at(-1);
    if (last && last.op === part.op) last.text += part.text;
    else merged.push({ ...part });
    return merged;
  }, []);
}
