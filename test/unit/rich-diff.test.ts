import { describe, expect, it } from 'vitest';
import type { PmNodeJson } from '../../shared/api.ts';
import { richDiffOfJson } from '../../client/src/diff/richDiff.ts';
import { buildDocument } from '../../server/collab/render.ts';
import { stateToPmJson } from '../../server/consensus/documents.ts';
import * as Y from 'yjs';

/** Documents as the server sends them (ProseMirror JSON), built by hand. */
const text = (value: string, ...marks: string[]): PmNodeJson => ({
  type: 'text',
  text: value,
  ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}),
});
const p = (...content: PmNodeJson[]): PmNodeJson => ({ type: 'paragraph', content });
const h = (level: number, value: string): PmNodeJson => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const doc = (...content: PmNodeJson[]): PmNodeJson => ({ type: 'doc', content });
const ul = (...items: string[]): PmNodeJson => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [p(text(item))] })),
});
const table = (...rows: string[][]): PmNodeJson => ({
  type: 'table',
  content: rows.map((cells) => ({
    type: 'tableRow',
    content: cells.map((cell) => ({ type: 'tableCell', content: [p(text(cell))] })),
  })),
});

describe('richDiff', () => {
  it('finds nothing between identical documents', () => {
    const same = doc(h(2, 'Doelen'), p(text('Minder '), text('verblijf', 'bold')), ul('a', 'b'), table(['x', 'y']));
    const diff = richDiffOfJson(same, structuredClone(same));
    expect([diff.insertions, diff.deletions, diff.structure]).toEqual([[], [], []]);
  });

  it('shows inserted bold text as one insertion with its mark', () => {
    const diff = richDiffOfJson(
      doc(p(text('Wij bouwen af.'))),
      doc(p(text('Wij bouwen '), text('snel', 'bold'), text(' af.'))),
    );
    expect(diff.deletions).toEqual([]);
    expect(diff.structure).toEqual([]);
    expect(diff.insertions).toHaveLength(1);
    // Minimal either way: "snel " after "bouwen " or " snel" after "bouwen"; the space has no mark.
    const { from, to, text: inserted, marks } = diff.insertions[0]!;
    expect(inserted.trim()).toBe('snel');
    expect(marks).toEqual(['bold']);
    expect(diff.newDoc.textBetween(from, to).trim()).toBe('snel');
    expect(
      diff.newDoc
        .nodeAt(diff.newDoc.textBetween(from, to).startsWith(' ') ? from + 1 : from)
        ?.marks.map((m) => m.type.name),
    ).toEqual(['bold']);
  });

  it('counts bold added to existing words as a change (the encoder sees marks)', () => {
    const diff = richDiffOfJson(
      doc(p(text('Wij bouwen af.'))),
      doc(p(text('Wij '), text('bouwen', 'bold'), text(' af.'))),
    );
    expect(diff.insertions.map((i) => [i.text, i.marks])).toEqual([['bouwen', ['bold']]]);
    expect(diff.deletions.map((d) => d.text)).toEqual(['bouwen']);
  });

  it('shows a heading that became a paragraph as a structural change, not as new text', () => {
    const diff = richDiffOfJson(doc(h(2, 'Doelen'), p(text('Tekst'))), doc(p(text('Doelen')), p(text('Tekst'))));
    expect(diff.structure).toEqual([
      { kind: 'retyped', pos: 0, from: { type: 'heading', level: 2 }, to: { type: 'paragraph' } },
    ]);
    expect(diff.insertions).toEqual([]);
    expect(diff.deletions).toEqual([]);
  });

  it('keeps a short retyped heading apart from changes near it (the changeset merges close changes)', () => {
    const diff = richDiffOfJson(
      doc(h(2, 'Mijlpalen'), p(text('De planning loopt tot 2030.')), p(text('Slot van versie een.'))),
      doc(p(text('Mijlpalen')), p(text('De planning loopt tot en met 2030.')), ul('Gezinshuizen')),
    );
    expect(diff.structure.map((change) => change.kind)).toEqual(['retyped', 'added', 'removed']);
    expect(diff.insertions.map((i) => i.text.trim())).toEqual(['en met', 'Gezinshuizen']);
    expect(diff.deletions.map((d) => d.text)).toEqual(['Slot van versie een.']);
  });

  it('shows rewritten words as whole words, not as scattered letters', () => {
    const diff = richDiffOfJson(doc(p(text('De planning van de afbouw.'))), doc(p(text('De plannen voor de opbouw.'))));
    const words = (parts: { text: string }[]) => parts.flatMap((part) => part.text.split(' ')).filter(Boolean);
    expect(words(diff.deletions)).toEqual(['planning', 'van', 'afbouw']);
    expect(words(diff.insertions)).toEqual(['plannen', 'voor', 'opbouw']);
  });

  it('sees a heading level change', () => {
    const diff = richDiffOfJson(doc(h(2, 'Doelen')), doc(h(3, 'Doelen')));
    expect(diff.structure).toEqual([
      { kind: 'retyped', pos: 0, from: { type: 'heading', level: 2 }, to: { type: 'heading', level: 3 } },
    ]);
  });

  it('shows a removed list item as a deletion of the whole item', () => {
    const diff = richDiffOfJson(doc(ul('een', 'twee', 'drie')), doc(ul('een', 'drie')));
    expect(diff.insertions).toEqual([]);
    expect(diff.deletions).toHaveLength(1);
    expect(diff.deletions[0]).toMatchObject({ text: 'twee', blocks: [{ type: 'listItem' }], closed: true });
    expect(diff.structure).toEqual([
      expect.objectContaining({ kind: 'removed', block: { type: 'listItem' }, textKept: false }),
    ]);
    // Shown where it stood: between the first and the last item of the new list.
    const at = diff.newDoc.resolve(diff.deletions[0]!.at);
    expect(at.parent.type.name).toBe('bulletList');
    expect(at.index()).toBe(1);
  });

  it('shows a removed table row as a deletion of the row, even when its cells repeat', () => {
    const diff = richDiffOfJson(doc(table(['a', 'b'], ['c', 'd'], ['a', 'b'])), doc(table(['a', 'b'], ['a', 'b'])));
    expect(diff.deletions).toHaveLength(1);
    expect(diff.deletions[0]).toMatchObject({ blocks: [{ type: 'tableRow' }], closed: true });
    expect(diff.deletions[0]!.text.replace(/\s+/g, ' ').trim()).toBe('c d');
    expect(diff.newDoc.resolve(diff.deletions[0]!.at).parent.type.name).toBe('table');
    expect(diff.structure).toEqual([expect.objectContaining({ kind: 'removed', block: { type: 'tableRow' } })]);
  });

  it('shows an added list as inserted text and an added block', () => {
    const diff = richDiffOfJson(doc(p(text('Inleiding'))), doc(p(text('Inleiding')), ul('een', 'twee')));
    expect(diff.insertions.map((i) => i.text.replace(/\n/g, ' '))).toEqual(['een twee']);
    expect(diff.structure).toEqual([{ kind: 'added', pos: 11, block: { type: 'bulletList' } }]);
  });

  it('tells a split paragraph from new text', () => {
    const diff = richDiffOfJson(doc(p(text('een twee'))), doc(p(text('een')), p(text('twee'))));
    expect(diff.insertions).toEqual([]);
    expect(diff.structure).toEqual([expect.objectContaining({ kind: 'added', block: { type: 'paragraph' } })]);
  });

  it('reads an empty document', () => {
    const diff = richDiffOfJson({ type: 'doc', content: [] }, doc(p(text('Nieuw'))));
    expect(diff.insertions.map((i) => i.text)).toEqual(['Nieuw']);
  });

  it('reads a document the server built (heading level stored as text) with the schema’s number', () => {
    const built = new Y.Doc();
    buildDocument(built, [{ heading: 'Doelen' }, { bullets: ['een'] }]);
    const json = stateToPmJson(Y.encodeStateAsUpdate(built));
    expect(json.content!.map((node) => [node.type, node.attrs])).toEqual([
      ['heading', { level: 2 }],
      ['bulletList', undefined],
    ]);
    expect(richDiffOfJson(json, doc(h(2, 'Doelen'), ul('een'))).structure).toEqual([]);
  });
});
