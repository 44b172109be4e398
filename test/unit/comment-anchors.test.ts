import { EditorState, TextSelection } from '@tiptap/pm/state';
import {
  initProseMirrorDoc,
  prosemirrorJSONToYXmlFragment,
  ySyncPlugin,
  ySyncPluginKey,
  type ProsemirrorBinding,
} from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeAnchor, resolveAnchor, selectionAnchor } from '../../client/src/comments/anchors.ts';
import { diffSchema } from '../../client/src/diff/richDiff.ts';

/**
 * Anchors as the browser makes them from the editor's selection (client/src/comments/anchors.ts) and
 * resolves them after everyone's edits: the same Yjs relative positions the server stores.
 */

const schema = diffSchema();
const SENTENCE = 'Wat gebeurt er met locaties die vrijkomen, en welke kleinschalige woonvormen zijn nodig?';
const PASSAGE = 'kleinschalige woonvormen';

function documentWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    doc.getXmlFragment('default'),
  );
  return doc;
}

/** The editor's state as the Yjs binding renders the document now (its mapping included). */
function editorOn(doc: Y.Doc): { state: EditorState; binding: ProsemirrorBinding } {
  const fragment = doc.getXmlFragment('default');
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema);
  const state = EditorState.create({ schema, doc: pmDoc, plugins: [ySyncPlugin(fragment, { mapping })] });
  const binding = (ySyncPluginKey.getState(state) as { binding: ProsemirrorBinding }).binding;
  // The binding counts as rendered once it has a view; this test renders the document itself.
  binding.prosemirrorView = {};
  return { state, binding };
}

function select(state: EditorState, text: string): EditorState {
  let from = -1;
  state.doc.descendants((node, pos) => {
    if (from < 0 && node.isText && node.text!.includes(text)) from = pos + node.text!.indexOf(text);
  });
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, from + text.length)));
}

/** The text of the nth paragraph, where a person types. */
const textOf = (doc: Y.Doc, paragraph: number) =>
  (doc.getXmlFragment('default').get(paragraph) as Y.XmlElement).get(0) as Y.XmlText;

const passageNow = (doc: Y.Doc, anchor: ReturnType<typeof selectionAnchor>) => {
  const { state, binding } = editorOn(doc);
  const range = resolveAnchor(binding, decodeAnchor(anchor!)!, state.doc.content.size);
  return range ? state.doc.textBetween(range.from, range.to) : null;
};

describe('comment anchors from the editor selection', () => {
  it('quote the selection, and follow edits before, inside and right after the passage', () => {
    const a = documentWith(SENTENCE);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const anchor = selectionAnchor(select(editorOn(a).state, PASSAGE));
    expect(anchor?.quote).toBe(PASSAGE);
    // The start sticks to the passage's first character, the end to its last one.
    const decoded = decodeAnchor(anchor!)!;
    expect(decoded.start.assoc).toBeGreaterThanOrEqual(0);
    expect(decoded.end.assoc).toBe(-1);
    expect(passageNow(a, anchor)).toBe(PASSAGE);

    // Someone else types: right before the passage, inside it, right after it, and a new first paragraph.
    const text = textOf(b, 0);
    const at = SENTENCE.indexOf(PASSAGE);
    text.insert(at + PASSAGE.length, ' (zie bijlage)');
    text.insert(at + 'kleinschalige '.length, 'en betaalbare ');
    text.insert(at, 'zeer ');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Een nieuwe eerste alinea.')]);
    b.getXmlFragment('default').insert(0, [paragraph]);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(passageNow(a, anchor)).toBe('kleinschalige en betaalbare woonvormen');

    // The passage deleted: no range, the panel shows the quote as no longer in the text.
    const now = textOf(a, 1);
    const from = now.toString().indexOf('kleinschalige');
    now.delete(from, 'kleinschalige en betaalbare woonvormen'.length);
    expect(passageNow(a, anchor)).toBeNull();
  });

  it('resolve anchors made the way the server tests make them (Yjs positions in the text)', () => {
    const doc = documentWith(SENTENCE);
    const text = textOf(doc, 0);
    const at = SENTENCE.indexOf('locaties die vrijkomen');
    const encode = (position: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(position)).toString('base64');
    const anchor = {
      start: encode(Y.createRelativePositionFromTypeIndex(text, at)),
      end: encode(Y.createRelativePositionFromTypeIndex(text, at + 'locaties die vrijkomen'.length, -1)),
      quote: 'locaties die vrijkomen',
    };
    expect(passageNow(doc, anchor)).toBe('locaties die vrijkomen');
  });

  it('make no anchor for an empty or blank selection, and read none from bad base64', () => {
    const { state } = editorOn(documentWith('Een  zin.'));
    expect(selectionAnchor(state)).toBeNull();
    expect(selectionAnchor(select(state, ' '))).toBeNull();
    expect(decodeAnchor({ start: 'AQ==', end: 'AQ==', quote: 'x' })).toBeNull();
  });
});
