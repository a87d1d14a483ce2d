/**
 * `--colour-by eigenvector:j|spline`: cells coloured by a number each — the j-th smallest
 * eigenvector of Δ_0 (report `spectrum.pairs[j−1].vector`, a diverging scale symmetric about 0,
 * blue < 0 < red) or the spline values (`spline.cells[].value`, a sequential scale from its
 * minimum to its maximum) — with a colour bar in the legend. `cellValuesOf` maps a report to the
 * numbers and the legend title (`{name, cells, scale}`); render.ts paints them (SvgScene
 * `cellValues`).
 */
import { UsageError } from '../errors.js';
import type { ReportJson } from '../report/types.js';
import { curvatureColor } from './colors.js';

/** Numbers per cell to colour by, and how. */
export interface CellValues {
  /** Legend title, e.g. "eigenvector 2 (λ = 4)". */
  name: string;
  /** One per partition cell (null: no value, grey). */
  cells: (number | null)[];
  /** Diverging (symmetric about 0) or sequential (min → max). */
  scale: 'diverging' | 'sequential';
}

const fix =
  'write --colour-by eigenvector:j (j-th smallest eigenvector; with --spectrum k ≥ j) or --colour-by spline (with --spline)';

/** The cell values `--colour-by <what>` names, or undefined when `what` is not one of ours. */
export function cellValuesOf(report: ReportJson, what: string): CellValues | undefined {
  const eig = /^eigenvector:(\d+)$/.exec(what);
  if (eig) {
    const j = Number(eig[1]);
    const pair = report.spectrum?.pairs[j - 1];
    if (j < 1 || pair === undefined)
      throw new UsageError(
        report.spectrum === undefined
          ? `--colour-by ${what} needs --spectrum`
          : `--colour-by ${what}: the report has ${report.spectrum.pairs.length} eigenpairs`,
        { field: '--colour-by', fix },
      );
    return {
      name: `eigenvector ${j} (λ = ${round(pair.value)})`,
      cells: pair.vector,
      scale: 'diverging',
    };
  }
  if (what === 'spline') {
    if (report.spline === undefined)
      throw new UsageError('--colour-by spline needs --spline', { field: '--colour-by', fix });
    return {
      name: `spline (λ = ${round(report.spline.lambda.value)})`,
      cells: report.spline.cells.map((c) => c.value),
      scale: 'sequential',
    };
  }
  return undefined;
}

/** Whether `--colour-by <what>` is one of ours (eigenvector:j, spline). */
export function isCellValuesOption(what: string): boolean {
  return /^eigenvector:\d+$/.test(what) || what === 'spline';
}

/** Checks `--colour-by eigenvector:j|spline` against the other options, before the analysis. */
export function checkCellValuesOption(
  what: string,
  options: { spectrum?: number | undefined; spline?: string | undefined },
): void {
  const eig = /^eigenvector:(\d+)$/.exec(what);
  const j = eig ? Number(eig[1]) : 0;
  const problem = eig
    ? options.spectrum === undefined
      ? `--colour-by ${what} needs --spectrum`
      : j < 1 || j > options.spectrum
        ? `--colour-by ${what}: --spectrum ${options.spectrum} gives eigenvectors 1 … ${options.spectrum}`
        : undefined
    : what === 'spline' && options.spline === undefined
      ? '--colour-by spline needs --spline'
      : undefined;
  if (problem !== undefined) throw new UsageError(problem, { field: '--colour-by', fix });
}

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000 + 0);
}

/** Sequential stops (light yellow → green → dark blue), interpolated linearly in sRGB. */
const SEQUENTIAL: [number, number, number][] = [
  [255, 255, 204],
  [161, 218, 180],
  [65, 182, 196],
  [44, 127, 184],
  [37, 52, 148],
];

function hex(rgb: readonly number[]): string {
  return '#' + rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
}

function sequentialColour(t: number): string {
  const u = Math.max(0, Math.min(1, t)) * (SEQUENTIAL.length - 1);
  const k = Math.min(Math.floor(u), SEQUENTIAL.length - 2);
  const a = SEQUENTIAL[k]!;
  const b = SEQUENTIAL[k + 1]!;
  return hex(a.map((x, i) => x + (b[i]! - x) * (u - k)));
}

/** The range the colours span: [−m, m] (diverging) or [min, max] (sequential). */
export function valueRange(cv: CellValues): [number, number] {
  const xs = cv.cells.filter((x): x is number => x !== null && Number.isFinite(x));
  if (xs.length === 0) return [0, 0];
  if (cv.scale === 'diverging') {
    const m = Math.max(...xs.map(Math.abs));
    return [-m, m];
  }
  return [Math.min(...xs), Math.max(...xs)];
}

/** The fill of a value (grey for null). */
export function cellValueColour(cv: CellValues, value: number | null): string {
  const [lo, hi] = valueRange(cv);
  if (value === null || !Number.isFinite(value)) return '#bbbbbb';
  if (cv.scale === 'diverging') return curvatureColor(value, hi);
  return sequentialColour(hi > lo ? (value - lo) / (hi - lo) : 0.5);
}

function fmt(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The legend's colour bar at (x, y): title, a vertical bar (top = maximum) of 11 bands and the
 * values at its top, middle and bottom; returns the SVG parts and the height used.
 */
export function colourBar(
  cv: CellValues,
  x: number,
  y: number,
): { parts: string[]; height: number } {
  const [lo, hi] = valueRange(cv);
  const parts = [`<text x="${fmt(x)}" y="${fmt(y + 11)}">${escapeXml(cv.name)}</text>`];
  const top = y + 18;
  const bands = 11;
  const band = 10;
  parts.push('<g id="colour-bar">');
  for (let k = 0; k < bands; k++) {
    const v = hi - ((hi - lo) * k) / (bands - 1);
    parts.push(
      `<rect x="${fmt(x)}" y="${fmt(top + k * band)}" width="14" height="${band}" fill="${cellValueColour(cv, v)}" data-value="${v}"/>`,
    );
  }
  parts.push(
    `<rect x="${fmt(x)}" y="${fmt(top)}" width="14" height="${bands * band}" fill="none" stroke="#333" stroke-width="0.6"/>`,
  );
  parts.push('</g>');
  for (const [t, v] of [
    [0, hi],
    [0.5, (hi + lo) / 2],
    [1, lo],
  ] as const)
    parts.push(
      `<text x="${fmt(x + 20)}" y="${fmt(top + t * (bands - 1) * band + 9)}">${round(v)}</text>`,
    );
  return { parts, height: 18 + bands * band + 8 };
}
