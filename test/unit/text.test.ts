import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnstorableString, hasUnstorableCharacters, storableText } from '../../shared/text.ts';

const NUL = '\u0000';
const HIGH = '\uD83D'; // the first half of 😀
const LOW = '\uDE00'; // the second half of 😀
const REPLACEMENT = '\uFFFD';

/** Strings rich in the characters that matter here: NUL, both halves of a pair on their own, and whole pairs. */
const risky = fc
  .array(
    fc.oneof(
      fc.constantFrom(NUL, HIGH, LOW, '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '😀', '𝄞', 'a', 'é', '\n'),
      fc.string(),
    ),
    {
      maxLength: 30,
    },
  )
  .map((pieces) => pieces.join(''));

const nuls = (text: string) => [...text].filter((char) => char === NUL).length;
/** Whether every surrogate in the text sits in a high-low pair (the well-formed UTF-16 test). */
const wellFormed = (text: string) => {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return false;
  }
  return true;
};

describe('hasUnstorableCharacters', () => {
  it('finds NUL and lone surrogates anywhere', () => {
    for (const text of [NUL, `a${NUL}b`, HIGH, LOW, `${HIGH}a`, `a${LOW}`, `${LOW}${HIGH}`, `😀${HIGH}`, `${LOW}😀`]) {
      expect(hasUnstorableCharacters(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('accepts ordinary text and surrogate pairs', () => {
    for (const text of ['', 'plain', 'één', '😀', `${HIGH}${LOW}`, '𝄞😀𝄞', '\uFFFD', '\u0001\t\n']) {
      expect(hasUnstorableCharacters(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('agrees with the well-formed UTF-16 test for strings without NUL', () => {
    fc.assert(
      fc.property(risky, (text) => {
        const clean = text.replaceAll(NUL, '');
        expect(hasUnstorableCharacters(clean)).toBe(!wellFormed(clean));
      }),
      { numRuns: 500 },
    );
  });
});

describe('storableText', () => {
  it('drops NUL, replaces lone surrogates and keeps pairs', () => {
    expect(storableText(`a${NUL}b`)).toBe('ab');
    expect(storableText(`${HIGH}x`)).toBe(`${REPLACEMENT}x`);
    expect(storableText(`x${LOW}`)).toBe(`x${REPLACEMENT}`);
    expect(storableText(`${LOW}${HIGH}`)).toBe(`${REPLACEMENT}${REPLACEMENT}`);
    expect(storableText(`${HIGH}${HIGH}${LOW}`)).toBe(`${REPLACEMENT}😀`);
    expect(storableText(`${HIGH}${LOW}${LOW}`)).toBe(`😀${REPLACEMENT}`);
    expect(storableText(`${HIGH}${NUL}${LOW}`)).toBe(`${REPLACEMENT}${REPLACEMENT}`);
    expect(storableText('ok 😀')).toBe('ok 😀');
  });

  it('always gives storable, well-formed text; changes exactly the unstorable characters', () => {
    fc.assert(
      fc.property(risky, (text) => {
        const stored = storableText(text);
        expect(hasUnstorableCharacters(stored)).toBe(false);
        expect(wellFormed(stored)).toBe(true);
        expect(stored.includes(NUL)).toBe(false);
        // Lone surrogates are replaced one for one; only NUL shortens the text.
        expect(stored.length).toBe(text.length - nuls(text));
        expect(stored === text).toBe(!hasUnstorableCharacters(text));
        expect(storableText(stored)).toBe(stored);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves storable text exactly as it was', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!text.includes(NUL));
        expect(storableText(text)).toBe(text);
      }),
    );
  });
});

describe('findUnstorableString', () => {
  it('gives the path of the first unstorable string, through arrays and objects', () => {
    expect(findUnstorableString({ title: 'ok', blocks: [{ text: 'fine' }, { text: `bad${NUL}` }] })).toBe(
      'blocks.1.text',
    );
    expect(findUnstorableString(['ok', HIGH, NUL])).toBe('1');
    expect(findUnstorableString({ a: { b: [[`x${LOW}`]] } })).toBe('a.b.0.0');
  });

  it('checks keys as well as values', () => {
    expect(findUnstorableString({ [`key${HIGH}`]: 'value' })).toBe(`key${HIGH}`);
    expect(findUnstorableString({ outer: { [NUL]: 1 } })).toBe(`outer.${NUL}`);
  });

  it('gives an empty path for a top-level string', () => {
    expect(findUnstorableString(`x${NUL}`)).toBe('');
    expect(findUnstorableString('x')).toBeNull();
  });

  it('gives null for storable values and for values that are not text', () => {
    expect(findUnstorableString({ title: '😀', n: 1, ok: true, none: null, list: ['a', ['b']] })).toBeNull();
    for (const value of [null, undefined, 0, Number.NaN, false, [], {}]) expect(findUnstorableString(value)).toBeNull();
  });

  it('finds something exactly when some key or string in the value is unstorable', () => {
    const strings = (value: unknown): string[] => {
      if (typeof value === 'string') return [value];
      if (Array.isArray(value)) return value.flatMap(strings);
      if (value !== null && typeof value === 'object') {
        return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
      }
      return [];
    };
    const value = fc.anything({
      key: risky,
      values: [risky, fc.integer(), fc.boolean(), fc.constant(null)],
      maxDepth: 3,
    });
    fc.assert(
      fc.property(value, (value) => {
        expect(findUnstorableString(value) !== null).toBe(strings(value).some(hasUnstorableCharacters));
      }),
      { numRuns: 300 },
    );
  });
});
