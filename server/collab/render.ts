import * as Y from 'yjs';
import { storableText } from '../../shared/text.ts';

/**
 * Renders the ProseMirror document that Tiptap keeps in a Yjs XmlFragment to HTML and plain text,
 * on the server, without a DOM: for search, reports and exports. Unknown nodes keep their content.
 */
const BLOCK_TAGS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  codeBlock: 'pre',
  table: 'table',
  tableRow: 'tr',
  tableHeader: 'th',
  tableCell: 'td',
};
const BLOCKS_WITH_BREAK = new Set(['paragraph', 'heading', 'codeBlock', 'listItem', 'tableRow', 'blockquote']);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  return /^(https?:|mailto:|\/|#)/i.test(href.trim()) ? href.trim() : null;
}

type Delta = { insert: unknown; attributes?: Record<string, unknown> };

function renderText(text: Y.XmlText): string {
  return (text.toDelta() as Delta[])
    .map(({ insert, attributes = {} }) => {
      if (typeof insert !== 'string') return '';
      let html = escapeHtml(insert);
      if (attributes.code) html = `<code>${html}</code>`;
      if (attributes.bold) html = `<strong>${html}</strong>`;
      if (attributes.italic) html = `<em>${html}</em>`;
      if (attributes.underline) html = `<u>${html}</u>`;
      if (attributes.strike) html = `<s>${html}</s>`;
      const link = attributes.link as { href?: unknown } | undefined;
      const href = safeHref(link?.href);
      if (href) html = `<a href="${escapeHtml(href)}">${html}</a>`;
      return html;
    })
    .join('');
}

function renderNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return renderText(node);
  if (!(node instanceof Y.XmlElement)) return '';
  const inner = node
    .toArray()
    .map((child) => renderNode(child as Y.XmlElement | Y.XmlText))
    .join('');
  switch (node.nodeName) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.getAttribute('level')) || 2));
      return `<h${level}>${inner}</h${level}>`;
    }
    case 'hardBreak':
      return '<br>';
    case 'horizontalRule':
      return '<hr>';
    case 'codeBlock':
      return `<pre><code>${inner}</code></pre>`;
    case 'table':
      return `<table><tbody>${inner}</tbody></table>`;
    default: {
      const tag = BLOCK_TAGS[node.nodeName];
      return tag ? `<${tag}>${inner}</${tag}>` : inner;
    }
  }
}

function plainText(node: Y.XmlElement | Y.XmlText | Y.XmlHook, out: string[]): void {
  if (node instanceof Y.XmlText) {
    out.push((node.toDelta() as Delta[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join(''));
    return;
  }
  if (!(node instanceof Y.XmlElement)) return;
  if (node.nodeName === 'hardBreak') out.push('\n');
  for (const child of node.toArray()) plainText(child as Y.XmlElement | Y.XmlText, out);
  if (node.nodeName === 'tableCell' || node.nodeName === 'tableHeader') out.push('\t');
  if (BLOCKS_WITH_BREAK.has(node.nodeName)) out.push('\n');
}

export const DOCUMENT_FIELD = 'default';

/**
 * The document as HTML and plain text, safe to store: characters PostgreSQL text cannot hold (a NUL
 * typed or pasted in, a lone surrogate) are dropped or replaced here, while the Yjs bytes keep them.
 */
export function renderDocument(doc: Y.Doc): { html: string; text: string } {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  const nodes = fragment.toArray() as Array<Y.XmlElement | Y.XmlText>;
  const html = nodes.map(renderNode).join('');
  const parts: string[] = [];
  for (const node of nodes) plainText(node, parts);
  const text = parts
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { html: storableText(html), text: storableText(text) };
}

/** Builds a document from simple blocks (demo data, tests): headings and paragraphs. */
export type TextBlock = { heading?: string; paragraph?: string; bullets?: string[] };

/**
 * Plain text as blocks: paragraphs are separated by blank lines; a paragraph whose lines all start
 * with "- " is a bullet list; one starting with "# " is a heading. For texts written outside the
 * editor (a chair's compromise, a ruling).
 */
export function textToBlocks(text: string): TextBlock[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length > 0)
    .map((chunk): TextBlock => {
      const lines = chunk.split('\n').map((line) => line.trim());
      if (lines.every((line) => line.startsWith('- '))) return { bullets: lines.map((line) => line.slice(2).trim()) };
      if (lines.length === 1 && lines[0]!.startsWith('# ')) return { heading: lines[0]!.slice(2).trim() };
      return { paragraph: lines.join(' ') };
    });
}

/** Replaces the whole document content with these blocks, in one Yjs transaction. */
export function replaceDocument(doc: Y.Doc, blocks: TextBlock[], origin: unknown): void {
  doc.transact(() => {
    const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
    fragment.delete(0, fragment.length);
    buildDocument(doc, blocks);
  }, origin);
}

/**
 * Replaces the whole document content with deep copies of another document's fragment (a proposal
 * written in the editor), in one Yjs transaction: headings with their levels, lists, tables, links and
 * marks survive, as they are the same XML elements, attributes and formatted text. The source must be
 * part of a Y.Doc (a clone reads its content).
 */
export function replaceWithFragment(doc: Y.Doc, source: Y.XmlFragment, origin: unknown): void {
  doc.transact(() => {
    const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
    fragment.delete(0, fragment.length);
    const copies = source
      .toArray()
      .filter((node): node is Y.XmlElement | Y.XmlText => node instanceof Y.XmlElement || node instanceof Y.XmlText)
      .map((node) => node.clone());
    fragment.insert(0, copies);
  }, origin);
}

/** The same, from a document's stored state (an update that holds the whole source document). */
export function replaceWithState(doc: Y.Doc, state: Uint8Array, origin: unknown): void {
  const source = new Y.Doc();
  try {
    Y.applyUpdate(source, state);
    replaceWithFragment(doc, source.getXmlFragment(DOCUMENT_FIELD), origin);
  } finally {
    source.destroy();
  }
}

export function buildDocument(doc: Y.Doc, blocks: TextBlock[]) {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  const elements: Y.XmlElement[] = [];
  const textElement = (name: string, text: string, attrs: Record<string, string> = {}) => {
    const element = new Y.XmlElement(name);
    for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
    element.insert(0, [new Y.XmlText(text)]);
    return element;
  };
  for (const block of blocks) {
    if (block.heading) elements.push(textElement('heading', block.heading, { level: '2' }));
    if (block.paragraph) elements.push(textElement('paragraph', block.paragraph));
    if (block.bullets) {
      const list = new Y.XmlElement('bulletList');
      list.insert(
        0,
        block.bullets.map((item) => {
          const li = new Y.XmlElement('listItem');
          li.insert(0, [textElement('paragraph', item)]);
          return li;
        }),
      );
      elements.push(list);
    }
  }
  fragment.insert(fragment.length, elements);
}
