import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARET_LABEL_TEXT, CARET_PALETTE, colorFor, contrastRatio } from '../../shared/colors.ts';

describe('caret colours', () => {
  it('are six-digit hex colours, the only form the caret extension draws', () => {
    for (const color of CARET_PALETTE) expect(color).toMatch(/^#[0-9a-f]{6}$/);
    expect(CARET_LABEL_TEXT).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('each give the label text a contrast of at least 4.5:1 (WCAG AA)', () => {
    for (const color of CARET_PALETTE) expect(contrastRatio(color, CARET_LABEL_TEXT)).toBeGreaterThanOrEqual(4.5);
  });

  it('computes contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('give one person the same colour every time, from the palette', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        expect(colorFor(id)).toBe(colorFor(id));
        expect(CARET_PALETTE).toContain(colorFor(id));
      }),
    );
    expect(colorFor('3f1c2a9e-0000-4000-8000-000000000001')).toBe(colorFor('3f1c2a9e-0000-4000-8000-000000000001'));
  });

  it('spread different people over the palette', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => colorFor(`user-${i}`)));
    expect(used.size).toBe(CARET_PALETTE.length);
  });
});
