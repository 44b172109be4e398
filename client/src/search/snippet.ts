/** The server marks each hit in a snippet between \u0002 and \u0003; this splits it into plain and hit parts. */
export function snippetParts(snippet: string): Array<{ text: string; hit: boolean }> {
  const parts: Array<{ text: string; hit: boolean }> = [];
  let hit = false;
  let text = '';
  const flush = () => {
    if (text) parts.push({ text, hit });
    text = '';
  };
  for (const char of snippet) {
    if (char === '\u0002' || char === '\u0003') {
      flush();
      hit = char === '\u0002';
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}
