/**
 * Model refinement (docs/math.md §7): a model's per-cell predictions, or the data means per cell,
 * replaced by their simplicial spline on the complex, with what changed per cell. It needs only a
 * weighted complex — boundary matrices and M_0, M_1 — so it runs on volume-free data complexes in
 * any dimension (M_0 = `mass` n_i/n, `unit` lengths, `unit` or `mass` face weights, SPEC v3 §4) as
 * on volume-weighted ones.
 *
 * With order 1 and every cell observed, the refinement keeps the M_0-weighted mean (1ᵀK = 0, so
 * 1ᵀ M_0 f = 1ᵀ M_0 y): with `mass` weights, the mean of the data.
 */
import { Rational, isRational } from '@mlgeo/exact-arith';
import { LaplacianInputError } from './errors.js';
import { type SplineOptions, type SplineResult, simplicialSpline } from './spline.js';
import type { AnyWeightedComplex } from './weighted-complex.js';

/** One cell of a refinement: its value before and after. */
export interface CellChange {
  observed: boolean;
  /** y (undefined when the cell is not observed). */
  before: Rational | number | undefined;
  /** f, the spline. */
  after: Rational | number;
  /** f − y (exact on the exact path; undefined when not observed). */
  change: Rational | number | undefined;
}

/** The refinement: the spline, per-cell changes and a summary. */
export interface Refinement {
  spline: SplineResult;
  cells: CellChange[];
  /** Observed cells whose value changed by more than `threshold` in absolute value. */
  changed: number;
  /** max |f − y| over the observed cells. */
  maxChange: number;
}

/** Options of {@link refineValues}: the spline's, the mask coming from the undefined values. */
export interface RefineOptions extends Omit<SplineOptions, 'mask'> {
  /** |f − y| above this counts as changed (default 0: any change). */
  threshold?: number;
}

/**
 * Replaces the per-cell values y (undefined: not observed) by their simplicial spline on the complex
 * and reports per cell what changed.
 */
export function refineValues(
  c: AnyWeightedComplex,
  y: readonly (Rational | number | undefined)[],
  options: RefineOptions = {},
): Refinement {
  const { threshold = 0, ...spline } = options;
  const mask = y.map((v) => v !== undefined);
  const result = simplicialSpline(
    c,
    y.map((v) => v ?? 0),
    { ...spline, mask },
  );
  const values: (Rational | number)[] = result.values;
  let changed = 0;
  let maxChange = 0;
  const cells = values.map((f, i): CellChange => {
    const before = y[i];
    if (before === undefined) return { observed: false, before, after: f, change: undefined };
    const change = isRational(f)
      ? f.sub(isRational(before) ? before : Rational.fromDouble(before))
      : f - (isRational(before) ? before.toNumber() : before);
    const size = Math.abs(isRational(change) ? change.toNumber() : change);
    if (size > threshold) changed++;
    maxChange = Math.max(maxChange, size);
    return { observed: true, before, after: f, change };
  });
  return { spline: result, cells, changed, maxChange };
}

/**
 * Data means per cell: the mean of `values[p]` over the points p with `cellOf[p] = i`, exact when
 * every value is a Rational; undefined for a cell without points; points with cellOf < 0 (in no
 * cell) are left out.
 */
export function dataMeansPerCell(
  cellCount: number,
  cellOf: readonly number[],
  values: readonly (Rational | number)[],
): (Rational | number | undefined)[] {
  if (cellOf.length !== values.length)
    throw new LaplacianInputError(
      'VALUES_SHAPE',
      `${cellOf.length} cell indices for ${values.length} values`,
      'cellOf',
      'give one cell index per point',
    );
  const exact = values.every((v) => isRational(v));
  const sums: (Rational | number)[] = new Array(cellCount).fill(exact ? Rational.ZERO : 0);
  const counts = new Array<number>(cellCount).fill(0);
  cellOf.forEach((i, p) => {
    if (i < 0) return;
    if (!(i < cellCount))
      throw new LaplacianInputError(
        'VALUES_SHAPE',
        `point ${p} is in cell ${i}, the complex has ${cellCount}`,
        `cellOf[${p}]`,
        'give cell indices of the complex',
      );
    const v = values[p]!;
    sums[i] = exact
      ? (sums[i] as Rational).add(v as Rational)
      : (sums[i] as number) + (isRational(v) ? v.toNumber() : v);
    counts[i]!++;
  });
  return sums.map((s, i) =>
    counts[i] === 0
      ? undefined
      : exact
        ? (s as Rational).div(Rational.of(counts[i]!))
        : (s as number) / counts[i]!,
  );
}
