/**
 * Characters that PostgreSQL `text` cannot hold: NUL, and UTF-16 surrogates without their partner
 * (JSON can carry both, as \u0000 and \ud800). Refused at the API boundary; dropped or replaced where
 * text is derived from a document whose bytes are stored as they came.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export function hasUnstorableCharacters(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** NUL is dropped, a lone surrogate becomes U+FFFD (the replacement character). */
export function storableText(text: string): string {
  if (!UNSTORABLE.test(text)) return text;
  return text.replace(UNSTORABLE_ALL, (match) => (match === '\u0000' ? '' : '\uFFFD'));
}

/** The path (`a.b.0`) of the first string in a JSON value that holds an unstorable character, or null. */
export function findUnstorableString(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') {
    return hasUnstorableCharacters(value) ? path.join('.') : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableString(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnstorableString(key, [...path, key]) ?? findUnstorableString(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}
