import { snippetParts } from './snippet.ts';

/** A search snippet with its hits in <mark>, built as React text nodes (never as HTML). */
export function Snippet({ snippet }: { snippet: string }) {
  return <>{snippetParts(snippet).map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}
