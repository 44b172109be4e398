import { DOMSerializer, type Node } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, EditorView } from '@tiptap/pm/view';
import { Paragraph } from '@utrecht/component-library-react';
import { useEffect, useMemo, useRef } from 'react';
import type { DiffSide } from '../../../shared/api.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.nl.ts';
import { richDiffOfJson, type BlockKind, type Deletion, type RichDiff, type StructureChange } from './richDiff.ts';

/**
 * The new document, read-only, with the changes since the old one marked in place: insertions in <ins>
 * with their own formatting, deletions as <del> where they stood, and changed blocks with a visible
 * label ("kop 2 → alinea", "rij verwijderd"). Underline, strike-through and words carry the meaning;
 * colour only helps. Screen readers hear "ingevoegd:"/"verwijderd:" before each change.
 */

const BLOCK_NAMES: Record<string, MessageKey> = {
  paragraph: 'diff.block.paragraph',
  bulletList: 'diff.block.bulletList',
  orderedList: 'diff.block.orderedList',
  listItem: 'diff.block.listItem',
  table: 'diff.block.table',
  tableRow: 'diff.block.tableRow',
  tableCell: 'diff.block.tableCell',
  tableHeader: 'diff.block.tableHeader',
  blockquote: 'diff.block.blockquote',
  codeBlock: 'diff.block.codeBlock',
  horizontalRule: 'diff.block.horizontalRule',
};

const blockName = (t: Translate, kind: BlockKind) =>
  kind.type === 'heading'
    ? t('diff.block.heading', { level: kind.level ?? 1 })
    : t(BLOCK_NAMES[kind.type] ?? 'diff.block.other');

export function describeStructure(t: Translate, change: StructureChange): string {
  switch (change.kind) {
    case 'retyped':
      return t('diff.retyped', { from: blockName(t, change.from), to: blockName(t, change.to) });
    case 'added':
      return t('diff.blockAdded', { block: blockName(t, change.block) });
    case 'removed':
      return t(change.textKept ? 'diff.blockDissolved' : 'diff.blockRemoved', { block: blockName(t, change.block) });
  }
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}
const hidden = (text: string) => element('span', 'tw-visually-hidden', `${text} `);
const label = (text: string) => element('span', 'tw-diff-label', text);

/** Where a label inside a block goes: the start of its first text, or before it if it has none. */
function contentStart(doc: Node, pos: number): number {
  let at = pos;
  let node = doc.nodeAt(pos);
  while (node && !node.isLeaf) {
    at += 1;
    if (node.inlineContent) return at;
    node = node.firstChild;
  }
  return at;
}

/** A removed block shown where it stood: a row stays a row in its table, an item an item in its list. */
function removedBlock(node: Node, serializer: DOMSerializer, text: string): HTMLElement {
  const dom = serializer.serializeNode(node) as HTMLElement;
  if (node.type.name === 'tableRow' || node.type.name === 'listItem') {
    dom.classList.add('tw-diff-del-block');
    const cells = node.type.name === 'tableRow' ? [...dom.children] : [dom];
    cells.forEach((cell, index) => {
      const del = element('del', 'tw-diff-del');
      del.append(...cell.childNodes);
      cell.append(...(index === 0 ? [label(text)] : []), del);
    });
    return dom;
  }
  const del = element('del', 'tw-diff-del tw-diff-del-block');
  del.append(label(text), dom);
  return del;
}

/** Deleted text (and inline nodes) of each block the deletion touches, with a mark between blocks. */
function removedInline(doc: Node, deletion: Deletion, serializer: DOMSerializer, t: Translate): HTMLElement {
  const del = element('del', 'tw-diff-del');
  del.append(hidden(t('diff.deletedPrefix')));
  let first = true;
  doc.nodesBetween(deletion.fromA, deletion.toA, (node, pos) => {
    if (!node.inlineContent) return true;
    const start = pos + 1;
    const cut = node.content.cut(
      Math.max(0, deletion.fromA - start),
      Math.min(node.content.size, deletion.toA - start),
    );
    if (cut.size > 0) {
      if (!first) del.append(element('span', 'tw-diff-sep', ' ¶ '));
      del.append(serializer.serializeFragment(cut));
      first = false;
    }
    return false;
  });
  return del;
}

export function diffDecorations(diff: RichDiff, t: Translate): DecorationSet {
  const { newDoc, oldDoc } = diff;
  const serializer = DOMSerializer.fromSchema(newDoc.type.schema);
  // Widgets at one position: deletions first, then block labels, then the "ingevoegd:" of an insertion.
  const decorations: Decoration[] = [];
  diff.deletions.forEach((deletion, i) => {
    const blocks = oldDoc.slice(deletion.fromA, deletion.toA).content;
    if (deletion.closed && deletion.blocks.length > 0 && blocks.childCount === deletion.blocks.length) {
      blocks.forEach((node, _offset, k) => {
        const text = t('diff.blockRemoved', { block: blockName(t, deletion.blocks[k]!) });
        const toDom = () => removedBlock(node, serializer, text);
        decorations.push(
          Decoration.widget(deletion.at, toDom, { side: -30 + k, key: `del-${i}-${k}`, ignoreSelection: true }),
        );
      });
      return;
    }
    const labels = deletion.blocks.map((block) => t('diff.blockRemoved', { block: blockName(t, block) }));
    const between = !newDoc.resolve(deletion.at).parent.inlineContent;
    const toDom = () => {
      const del = removedInline(oldDoc, deletion, serializer, t);
      if (labels.length === 0 && !between) return del;
      const wrap = element(between ? 'div' : 'span', between ? 'tw-diff-del-between' : '');
      wrap.append(del, ...labels.map(label));
      return wrap;
    };
    decorations.push(Decoration.widget(deletion.at, toDom, { side: -20, key: `del-${i}`, ignoreSelection: true }));
  });
  diff.structure.forEach((change, i) => {
    if (change.kind === 'removed') {
      // A whole removed block is labelled by its deletion above; a dissolved one (text kept) here.
      if (!change.textKept) return;
      const text = describeStructure(t, change);
      decorations.push(Decoration.widget(change.at, () => label(text), { side: -10, key: `struct-${i}` }));
      return;
    }
    const node = newDoc.nodeAt(change.pos);
    if (!node) return;
    const text = describeStructure(t, change);
    decorations.push(Decoration.node(change.pos, change.pos + node.nodeSize, { class: 'tw-diff-block' }));
    decorations.push(
      Decoration.widget(contentStart(newDoc, change.pos), () => label(text), { side: -10, key: `struct-${i}` }),
    );
  });
  diff.insertions.forEach((insertion, i) => {
    decorations.push(Decoration.inline(insertion.from, insertion.to, { nodeName: 'ins', class: 'tw-diff-ins' }));
    let first: number | null = null;
    newDoc.nodesBetween(insertion.from, insertion.to, (node, pos) => {
      if (first === null && node.isInline) first = Math.max(pos, insertion.from);
      return first === null;
    });
    const prefix = t('diff.insertedPrefix');
    if (first !== null)
      decorations.push(
        Decoration.widget(first, () => hidden(prefix), { side: -1, key: `ins-${i}`, ignoreSelection: true }),
      );
  });
  return DecorationSet.create(newDoc, decorations);
}

const count = (t: Translate, n: number, one: MessageKey, other: MessageKey) => t(n === 1 ? one : other, { count: n });

/** `label` names the document for screen readers when `from` is no version (a draft history entry). */
export function RichDiffView({ from, to, label }: { from: DiffSide; to: DiffSide; label?: string }) {
  const { t } = useI18n();
  const diff = useMemo(() => richDiffOfJson(from.doc, to.doc), [from.doc, to.doc]);
  const mount = useRef<HTMLDivElement>(null);
  const changed = diff.insertions.length + diff.deletions.length + diff.structure.length > 0;
  const docLabel =
    label ??
    (to.version === 'current'
      ? t('diff.docLabelDraft', { from: from.version })
      : t('diff.docLabel', { from: from.version, to: to.version }));
  useEffect(() => {
    if (!changed || !mount.current) return;
    const decorations = diffDecorations(diff, t);
    const view = new EditorView(mount.current, {
      state: EditorState.create({ doc: diff.newDoc }),
      editable: () => false,
      decorations: () => decorations,
      attributes: { class: 'tw-prose tw-diff-doc', 'aria-label': docLabel, 'data-testid': 'diff-doc' },
    });
    return () => view.destroy();
  }, [diff, t, changed, docLabel]);
  if (!changed) return <Paragraph data-testid="diff-none">{t('diff.none')}</Paragraph>;
  const summary = [
    count(t, diff.insertions.length, 'diff.insertions.one', 'diff.insertions.other'),
    count(t, diff.deletions.length, 'diff.deletions.one', 'diff.deletions.other'),
    count(t, diff.structure.length, 'diff.structure.one', 'diff.structure.other'),
  ].join(', ');
  return (
    <div className="tw-diff" data-testid="diff">
      <ul className="tw-diff-legend" aria-label={t('diff.legend')} data-testid="diff-legend">
        <li>
          <span className="tw-diff-ins">{t('diff.legend.inserted')}</span>
        </li>
        <li>
          <span className="tw-diff-del">{t('diff.legend.deleted')}</span>
        </li>
        <li>
          <span className="tw-diff-label">{t('diff.legend.structure')}</span>
        </li>
      </ul>
      <Paragraph small data-testid="diff-summary">
        {summary}
      </Paragraph>
      <div ref={mount} />
    </div>
  );
}
