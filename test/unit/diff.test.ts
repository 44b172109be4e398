import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffTexts, type DiffPart } from '../../shared/diff.ts';

/** The text a reader of the diff sees as "before" (same + removed) or "after" (same + added). */
const side = (parts: DiffPart[], which: 'before' | 'after') =>
  parts
    .filter((part) => part.op === 'same' || part.op === (which === 'before' ? 'removed' : 'added'))
    .map((part) => part.text)
    .join('');

/** Texts built from a few words, spaces and newlines, so that generated versions share paragraphs and words. */
const text = fc
  .array(fc.constantFrom('doel', 'plan', 'jeugd', 'zorg', 'é', '😀', ' ', '  ', '\t', '\n', '\n\n'), { maxLength: 40 })
  .map((tokens) => tokens.join(''));

describe('diffTexts', () => {
  it('keeps unchanged paragraphs whole and shows a changed word within its paragraph', () => {
    expect(diffTexts('a\nb\nc\n', 'a\nB\nc\n')).toEqual([
      { op: 'same', text: 'a\n' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'B' },
      { op: 'same', text: '\nc\n' },
    ]);
    expect(diffTexts('the quick brown fox', 'the slow brown fox')).toEqual([
      { op: 'same', text: 'the ' },
      { op: 'removed', text: 'quick' },
      { op: 'added', text: 'slow' },
      { op: 'same', text: ' brown fox' },
    ]);
  });

  it('shows an added or removed paragraph as one part', () => {
    expect(diffTexts('one\ntwo\n', 'one\ntwo\nthree\n')).toEqual([
      { op: 'same', text: 'one\ntwo\n' },
      { op: 'added', text: 'three\n' },
    ]);
    expect(diffTexts('one\ntwo\nthree\n', 'one\nthree\n')).toEqual([
      { op: 'same', text: 'one\n' },
      { op: 'removed', text: 'two\n' },
      { op: 'same', text: 'three\n' },
    ]);
  });

  it('treats whitespace as a change of its own', () => {
    expect(diffTexts('a  b', 'a b')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: '  ' },
      { op: 'added', text: ' ' },
      { op: 'same', text: 'b' },
    ]);
  });

  it('handles empty texts', () => {
    expect(diffTexts('', 'abc')).toEqual([{ op: 'added', text: 'abc' }]);
    expect(diffTexts('abc', '')).toEqual([{ op: 'removed', text: 'abc' }]);
    const nothing = diffTexts('', '');
    expect(nothing.every((part) => part.op === 'same')).toBe(true);
    expect(side(nothing, 'after')).toBe('');
  });

  it('shows a change too large to compare in detail as everything removed and everything added', () => {
    const before = Array.from({ length: 1500 }, (_, i) => `old line ${i}\n`).join('');
    const after = Array.from({ length: 1500 }, (_, i) => `new line ${i}\n`).join('');
    expect(diffTexts(before, after)).toEqual([
      { op: 'removed', text: before },
      { op: 'added', text: after },
    ]);
  });

  it('gives back both versions exactly, never two neighbouring parts of one kind', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = diffTexts(before, after);
        expect(side(parts, 'before')).toBe(before);
        expect(side(parts, 'after')).toBe(after);
        for (let i = 1; i < parts.length; i++) expect(parts[i]!.op).not.toBe(parts[i - 1]!.op);
        if (before !== '' || after !== '') expect(parts.every((part) => part.text !== '')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('finds no change between a text and itself', () => {
    fc.assert(
      fc.property(text, (same) => {
        expect(diffTexts(same, same).every((part) => part.op === 'same')).toBe(true);
      }),
    );
  });

  it('leaves a shared prefix of paragraphs untouched when text is appended', () => {
    fc.assert(
      fc.property(text, text, (start, rest) => {
        const before = start.endsWith('\n') || start === '' ? start : `${start}\n`;
        const parts = diffTexts(before, before + rest);
        expect(parts.some((part) => part.op === 'removed')).toBe(false);
      }),
    );
  });
});
