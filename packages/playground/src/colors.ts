/**
 * Colours of the playground's views: one colour per cell (a hash of its label, so the live raster
 * and the exact view agree), tinted by the predicted class; a sequential ramp for volumes and data
 * counts. Pure functions, shared by the page, the SVG figure and the end-to-end test.
 */

/** An RGB triple, 0–255 per channel. */
export type Rgb = [number, number, number];

export const FNV_OFFSET = 0x811c9dc5;

/** One FNV-1a step: the hash `h` extended by the character code `c`. */
export const fnvStep = (h: number, c: number) => Math.imul(h ^ c, 0x01000193) >>> 0;

/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

/** HSL (h in degrees, s and l in [0, 1]) to RGB. */
export function hslToRgb(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(255 * f(0)), Math.round(255 * f(8)), Math.round(255 * f(4))];
}

/** Class hues: class 0 blue, class 1 orange, further classes spread round the circle. */
const CLASS_HUES = [212, 28, 120, 280, 0, 170, 60, 320];

/**
 * The colour of a cell: the hue of its predicted class shifted by up to ±24° and a lightness in
 * [0.55, 0.85] by the hash of its label (neighbouring cells differ), grey when there is no class.
 */
export function cellColor(label: string, predictedClass: number | undefined): Rgb {
  return hashColor(fnv1a(label), predictedClass);
}

/** {@link cellColor} from the label's FNV-1a hash (the raster hashes labels as it builds them). */
export function hashColor(h: number, predictedClass: number | undefined): Rgb {
  const shift = ((h & 0xff) / 255 - 0.5) * 48;
  const light = 0.55 + (((h >>> 8) & 0xff) / 255) * 0.3;
  if (predictedClass === undefined) return hslToRgb(0, 0, light);
  const hue = CLASS_HUES[predictedClass % CLASS_HUES.length]! + shift;
  return hslToRgb((hue + 360) % 360, 0.7, light);
}

/** A sequential ramp (viridis-like, by linear interpolation of five stops) for t ∈ [0, 1]. */
export function rampColor(t: number): Rgb {
  const stops: Rgb[] = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [0, 1, 2].map((k) => Math.round(a[k]! + f * (b[k]! - a[k]!))) as Rgb;
}

/** CSS `rgb(…)` of a colour. */
export const css = (c: Rgb) => `rgb(${c[0]},${c[1]},${c[2]})`;

/** Colour of a data point of label `l` (dark, so it shows on any cell). */
export function pointRgb(label: number | undefined): Rgb {
  if (label === undefined) return [40, 40, 40];
  return hslToRgb(CLASS_HUES[label % CLASS_HUES.length]!, 0.9, 0.3);
}
