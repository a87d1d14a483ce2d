/**
 * Fill colours for cells: a categorical palette (Okabe–Ito inspired, light enough for black text and
 * lines on top) keyed by prediction class or, without predictions, by cell index.
 */
const PALETTE = [
  '#9ecae1',
  '#fdae6b',
  '#a1d99b',
  '#fc9272',
  '#bcbddc',
  '#d9b38c',
  '#f2b6d2',
  '#c7c7c7',
  '#dbdb8d',
  '#9edae5',
  '#6baed6',
  '#fd8d3c',
  '#74c476',
  '#fb6a4a',
  '#9e9ac8',
];

/** The colour for category `k` (0-based); cycles through the palette. */
export function categoryColor(k: number): string {
  return PALETTE[((k % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}
