import { getSchema } from '@tiptap/core';
import { ChangeSet, simplifyChanges, type Change, type TokenEncoder } from '@tiptap/pm/changeset';
import { Fragment, Node, Slice, type Mark, type Schema } from '@tiptap/pm/model';
import { ReplaceStep, StepMap } from '@tiptap/pm/transform';
import type { PmNodeJson } from '../../../shared/api.ts';
import { documentExtensions } from '../section/extensions.ts';

/**
 * The rich diff between two documents of a section: what was inserted and deleted, with formatting,
 * and what changed in structure (a heading that became a paragraph, a removed table row). The changes
 * come from prosemirror-changeset; this module only tells them apart and names them. No DOM here, so
 * the unit tests run it in Node; RichDiffView.tsx turns the result into decorations.
 */

/** What a block is, for a label: its node type, and a heading's level. */
export interface BlockKind {
  type: string;
  level?: number;
}

/** Text (or inline nodes) inserted in the new document, [from, to). */
export interface Insertion {
  from: number;
  to: number;
  text: string;
  /** The marks on the inserted text (bold, link, …): an insertion shows with its formatting. */
  marks: string[];
}

/** Content of the old document, [fromA, toA), that is gone; shown at `at` in the new document. */
export interface Deletion {
  at: number;
  fromA: number;
  toA: number;
  text: string;
  /** The whole blocks it removed (outermost only): a row, a list item, a paragraph. */
  blocks: BlockKind[];
  /** Whole nodes only (no block cut in half): it can be shown as blocks where it stood. */
  closed: boolean;
}

export type StructureChange =
  /** The block at `pos` in the new document was of another kind (or heading level) before. */
  | { kind: 'retyped'; pos: number; from: BlockKind; to: BlockKind }
  /** A block that starts at `pos` in the new document is new (its text may have existed already). */
  | { kind: 'added'; pos: number; block: BlockKind }
  /** A block is gone at `at`; `textKept` when only its boundary went (merged or unwrapped). */
  | { kind: 'removed'; at: number; block: BlockKind; textKept: boolean };

export interface RichDiff {
  oldDoc: Node;
  newDoc: Node;
  insertions: Insertion[];
  deletions: Deletion[];
  structure: StructureChange[];
}

let cachedSchema: Schema | null = null;
/** The editor's schema (section/extensions.ts): a version reads exactly as the editor wrote it. */
export function diffSchema(): Schema {
  cachedSchema ??= getSchema(documentExtensions);
  return cachedSchema;
}

/** A document from its JSON; an empty document (a doc needs one block) gets its empty paragraph. */
export function docFromJson(schema: Schema, json: PmNodeJson): Node {
  const doc = schema.nodeFromJSON(json);
  return doc.type.validContent(doc.content) ? doc : (doc.type.createAndFill(doc.attrs, doc.content) ?? doc);
}

export const blockKind = (node: Node): BlockKind =>
  node.type.name === 'heading' ? { type: 'heading', level: Number(node.attrs.level) } : { type: node.type.name };

const sameKind = (a: BlockKind, b: BlockKind) => a.type === b.type && a.level === b.level;

type Token = number | string;
const markKey = (mark: Mark) => `|${mark.type.name}${mark.type.name === 'link' ? `:${String(mark.attrs.href)}` : ''}`;
const startKey = (node: Node) => `<${node.type.name}${node.type.name === 'heading' ? `:${node.attrs.level}` : ''}`;

/**
 * The changeset's default encoder compares characters without their marks and nodes by type only: bold
 * added to a word or a heading level changed would not be a change. Ours encodes marks (and a link's
 * target) with each character and a heading's level with its start, so those count.
 */
export const diffEncoder: TokenEncoder<Token> = {
  encodeCharacter: (char, marks) => (marks.length === 0 ? char : `${char}${marks.map(markKey).join('')}`),
  encodeNodeStart: startKey,
  encodeNodeEnd: (node) => `>${node.type.name}`,
  compareTokens: (a, b) => a === b,
};

/** The document as tokens, one per position, exactly as the changeset sees it. */
function tokenize(doc: Node): Token[] {
  const out: Token[] = [];
  const walk = (fragment: Fragment) =>
    fragment.forEach((child) => {
      if (child.isText)
        for (let i = 0; i < child.text!.length; i++)
          out.push(diffEncoder.encodeCharacter(child.text!.charCodeAt(i), child.marks));
      else if (child.isLeaf) out.push(startKey(child));
      else {
        out.push(startKey(child));
        walk(child.content);
        out.push(diffEncoder.encodeNodeEnd(child));
      }
    });
  walk(doc.content);
  return out;
}

interface Range {
  fromA: number;
  toA: number;
  fromB: number;
  toB: number;
}

/** Whole nodes only: both ends in the same parent. */
const closedRange = (doc: Node, from: number, to: number) => doc.resolve(from).sameParent(doc.resolve(to));

/**
 * A pure insertion or deletion can slide over equal tokens: removing the middle of three list items
 * diffs as "b</p></li><li><p>" just as well as "<li><p>b</p></li>". Prefer where it is whole nodes, so
 * that a removed item or row shows as one, within the unchanged stretch around it.
 */
function slide(range: Range, doc: Node, tokens: Token[], side: 'A' | 'B', low: number, high: number): Range {
  const from = side === 'A' ? range.fromA : range.fromB;
  const to = side === 'A' ? range.toA : range.toB;
  if (closedRange(doc, from, to)) return range;
  const candidates: number[] = [];
  for (let shift = -1; from + shift >= low && tokens[from + shift] === tokens[to + shift]; shift--)
    candidates.push(shift);
  for (let shift = 1; to + shift - 1 < high && tokens[from + shift - 1] === tokens[to + shift - 1]; shift++)
    candidates.push(shift);
  candidates.sort((a, b) => Math.abs(a) - Math.abs(b));
  const shift = candidates.find((s) => closedRange(doc, from + s, to + s));
  if (shift === undefined) return range;
  return { fromA: range.fromA + shift, toA: range.toA + shift, fromB: range.fromB + shift, toB: range.toB + shift };
}

/** What one side of a change holds: its text, the blocks wholly inside, the blocks it opens but does not close. */
function sideOf(doc: Node, from: number, to: number) {
  const whole: { node: Node; pos: number }[] = [];
  const opened: { node: Node; pos: number }[] = [];
  const marks = new Set<string>();
  let inline = false;
  if (from < to) {
    doc.nodesBetween(from, to, (node, pos) => {
      // nodesBetween visits only what overlaps the range: an inline node here is (partly) in it.
      if (node.isInline) {
        inline = true;
        if (node.isText) node.marks.forEach((mark) => marks.add(mark.type.name));
        return false;
      }
      if (pos >= from && pos + node.nodeSize <= to) {
        whole.push({ node, pos });
        return false; // the outermost block tells it; its children go with it
      }
      if (pos >= from) opened.push({ node, pos });
      return true;
    });
  }
  // A range of block boundaries only (a split paragraph) has a separator for text, but no content.
  const text = from < to ? doc.textBetween(from, to, '\n', ' ') : '';
  return { whole, opened, marks: [...marks], hasContent: inline || whole.length > 0, text };
}

/**
 * The changeset merges changes fewer than (up to) 15 tokens apart, scaled to the size of the range it
 * diffs, so that a reader sees words rather than letters. Over a whole document a short heading that
 * became a paragraph goes with it: "Mijlpalen" between the changed start and end would read as deleted
 * and inserted again. Diffing each changed range on its own separates such changes; the finer result
 * is kept only where what it leaves unchanged is a whole block's text (or no text at all), never where
 * it would match stray letters of unrelated words.
 */
function refine(start: ChangeSet<null>, newDoc: Node, changes: readonly Change[]): Change[] {
  const oldDoc = start.startDoc;
  const ranges = changes.flatMap((c) => [c.fromA, c.toA - c.fromA, c.toB - c.fromB]);
  const finer = start.addSteps(newDoc, [new StepMap(ranges)], null).changes;
  const wholeOrNoText = (from: number, to: number) => {
    const $from = oldDoc.resolve(from);
    const $to = oldDoc.resolve(to);
    const wholeBlock =
      $from.sameParent($to) &&
      $from.parent.inlineContent &&
      $from.parentOffset === 0 &&
      $to.parentOffset === $to.parent.content.size;
    return wholeBlock || oldDoc.textBetween(from, to) === '';
  };
  return changes.flatMap((change): Change[] => {
    const parts = finer.filter(
      (f) => f.fromA >= change.fromA && f.toA <= change.toA && f.fromB >= change.fromB && f.toB <= change.toB,
    );
    const gapsOk = parts.length > 1 && parts.slice(1).every((part, i) => wholeOrNoText(parts[i]!.toA, part.fromA));
    return gapsOk ? parts : [change];
  });
}

/** The changes between two documents (built with the same schema). */
export function richDiff(oldDoc: Node, newDoc: Node): RichDiff {
  const step = new ReplaceStep(0, oldDoc.content.size, new Slice(newDoc.content, 0, 0));
  const start = ChangeSet.create<null>(oldDoc, undefined, diffEncoder);
  // Whole words rather than letters where one word was both cut and added to (the library's own rule).
  const changes = simplifyChanges(refine(start, newDoc, start.addSteps(newDoc, [step.getMap()], null).changes), newDoc);
  const tokensA = tokenize(oldDoc);
  const tokensB = tokenize(newDoc);
  const ranges: Range[] = changes.map(({ fromA, toA, fromB, toB }) => ({ fromA, toA, fromB, toB }));
  const diff: RichDiff = { oldDoc, newDoc, insertions: [], deletions: [], structure: [] };
  ranges.forEach((original, i) => {
    let range = original;
    const before = ranges[i - 1];
    const after = ranges[i + 1];
    if (range.fromB === range.toB && range.fromA < range.toA)
      range = slide(range, oldDoc, tokensA, 'A', before?.toA ?? 0, after?.fromA ?? tokensA.length);
    else if (range.fromA === range.toA && range.fromB < range.toB)
      range = slide(range, newDoc, tokensB, 'B', before?.toB ?? 0, after?.fromB ?? tokensB.length);
    const a = sideOf(oldDoc, range.fromA, range.toA);
    const b = sideOf(newDoc, range.fromB, range.toB);
    // Blocks whose start changed on both sides: the same block, of another kind now.
    const paired = Math.min(a.opened.length, b.opened.length);
    for (let k = 0; k < paired; k++) {
      const from = blockKind(a.opened[k]!.node);
      const to = blockKind(b.opened[k]!.node);
      if (!sameKind(from, to)) diff.structure.push({ kind: 'retyped', pos: b.opened[k]!.pos, from, to });
    }
    for (const { node, pos } of b.opened.slice(paired))
      diff.structure.push({ kind: 'added', pos, block: blockKind(node) });
    for (const { node } of a.opened.slice(paired))
      diff.structure.push({ kind: 'removed', at: range.fromB, block: blockKind(node), textKept: true });
    for (const { node, pos } of b.whole)
      if (!node.isInline) diff.structure.push({ kind: 'added', pos, block: blockKind(node) });
    for (const { node } of a.whole)
      if (!node.isInline)
        diff.structure.push({ kind: 'removed', at: range.fromB, block: blockKind(node), textKept: false });
    if (b.hasContent) diff.insertions.push({ from: range.fromB, to: range.toB, text: b.text, marks: b.marks });
    if (a.hasContent)
      diff.deletions.push({
        at: range.fromB,
        fromA: range.fromA,
        toA: range.toA,
        text: a.text,
        blocks: a.whole.filter(({ node }) => !node.isInline).map(({ node }) => blockKind(node)),
        closed: closedRange(oldDoc, range.fromA, range.toA),
      });
  });
  return diff;
}

/** The diff between two documents as the server sends them (shared/api-consensus.ts, VersionDiff). */
export function richDiffOfJson(from: PmNodeJson, to: PmNodeJson, schema = diffSchema()): RichDiff {
  return richDiff(docFromJson(schema, from), docFromJson(schema, to));
}
