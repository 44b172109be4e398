/**
 * A stable colour per person for carets, caret labels and selections. The caret extension of Tiptap
 * accepts only `#rrggbb` (anything else becomes transparent), and its label draws white text on the
 * colour, so every colour here is a six-digit hex that passes WCAG AA (4.5:1) against white.
 * Pure: the client and the tests use the same table.
 */

/** The label text drawn on a caret colour. */
export const CARET_LABEL_TEXT = '#ffffff';

/** Tailwind's 700 shades, each ≥ 4.5:1 against white (test/unit/colors.test.ts checks). */
export const CARET_PALETTE = [
  '#b91c1c', // red
  '#1d4ed8', // blue
  '#15803d', // green
  '#7e22ce', // purple
  '#c2410c', // orange
  '#0f766e', // teal
  '#be185d', // pink
  '#4338ca', // indigo
  '#a16207', // amber
  '#0e7490', // cyan
  '#4d7c0f', // lime
  '#a21caf', // fuchsia
] as const;

/** The same person gets the same colour in every browser and every session: a hash of their id. */
export function colorFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return CARET_PALETTE[hash % CARET_PALETTE.length]!;
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
