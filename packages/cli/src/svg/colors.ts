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

/**
 * Marker colours for data points of class `k`: darker partners of {@link categoryColor}'s palette
 * (same hue order), so a point of class k stands out on a region of any class, its own included.
 */
const POINT_PALETTE = [
  '#08519c',
  '#a63603',
  '#006d2c',
  '#a50f15',
  '#54278f',
  '#7f5a2e',
  '#ae017e',
  '#525252',
  '#6b6b00',
  '#00707f',
  '#000080',
  '#d94801',
  '#238b45',
  '#67000d',
  '#3f007d',
];

/** The marker colour for data points of class `k` (0-based); cycles through its palette. */
export function pointColor(k: number): string {
  return POINT_PALETTE[((k % POINT_PALETTE.length) + POINT_PALETTE.length) % POINT_PALETTE.length]!;
}

/** Marker shapes of data points, one per class: class k gets `POINT_SHAPES[k mod 5]`. */
export const POINT_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'triangle-down'] as const;

/** The marker shape for data points of class `k`. */
export function pointShape(k: number): (typeof POINT_SHAPES)[number] {
  return POINT_SHAPES[((k % POINT_SHAPES.length) + POINT_SHAPES.length) % POINT_SHAPES.length]!;
}

/**
 * Diverging colour for a curvature value: blue below 0, white at 0, red above, at full strength at
 * ±`scale`; grey for no value. `line` darkens the ends so thin strokes stay visible.
 */
export function curvatureColor(value: number | null, scale: number, line = false): string {
  if (value === null || !Number.isFinite(value)) return '#bbbbbb';
  const t = scale > 0 ? Math.max(-1, Math.min(1, value / scale)) : 0;
  const end =
    t >= 0 ? (line ? [165, 0, 38] : [214, 96, 77]) : line ? [49, 54, 149] : [67, 147, 195];
  const mid = line ? [200, 200, 200] : [247, 247, 247];
  const a = Math.abs(t);
  const hex = (k: number) =>
    Math.round(mid[k]! + (end[k]! - mid[k]!) * a)
      .toString(16)
      .padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}
