/**
 * The input of every operator here: a chain complex (boundary matrices B_1 … B_K) with diagonal
 * inner products M_0 … M_K (docs/math.md §4, §7). Built from a `RiemannianComplex` or given
 * directly as matrices. Exact over the rationals when every weight is rational, float64 otherwise.
 */
import {
  CsrMatrix,
  type Field,
  type Rational,
  RationalField,
  createFloat64Field,
  isFloat64Field,
} from '@mlgeo/exact-arith';
import type { ComplexOptions, RiemannianComplex, Weight } from '@mlgeo/riemannian-complex';
import { LaplacianInputError } from './errors.js';

/**
 * float64 without a zero threshold: a small weight or matrix entry is kept, not dropped (the
 * default Float64Field treats |x| ≤ 1e-12 as zero, which would delete tiny volumes).
 */
export const FLOAT64: Field<number> = createFloat64Field(0);

/** A chain complex with a diagonal metric over the field F. */
export interface WeightedComplex<T> {
  readonly field: Field<T>;
  /** counts[k] = f_k, the number of k-simplices, k = 0..top. */
  readonly counts: readonly number[];
  /** boundaries[k] = B_k (f_{k−1} × f_k) for k = 1..top; boundaries[0] is the 0 × f_0 matrix. */
  readonly boundaries: readonly CsrMatrix<T>[];
  /** mass[k] = the diagonal of M_k (≥ 0), k = 0..top. */
  readonly mass: readonly (readonly T[])[];
}

/** A complex over either field, as {@link fromRiemannianComplex} returns it. */
export type AnyWeightedComplex = WeightedComplex<Rational> | WeightedComplex<number>;

/** True when the complex is exact (over the rationals); narrows its type. */
export function isExactComplex(c: AnyWeightedComplex): c is WeightedComplex<Rational> {
  return c.field.kind === 'rational';
}

/** Which numbers to compute in: `auto` is exact when every weight is rational. */
export type Arithmetic = 'auto' | 'exact' | 'float';

/**
 * Validates and packs B_1 … B_K and M_0 … M_K: B_k must be f_{k−1} × f_k and every weight ≥ 0.
 * `boundaries[i]` is B_{i+1}.
 */
export function weightedComplex<T>(
  field: Field<T>,
  boundaries: readonly CsrMatrix<T>[],
  mass: readonly (readonly T[])[],
): WeightedComplex<T> {
  if (mass.length !== boundaries.length + 1)
    throw new LaplacianInputError(
      'COMPLEX_SHAPE',
      `${boundaries.length} boundary matrices need ${boundaries.length + 1} weight levels, got ${mass.length}`,
      'mass',
      'give M_0 … M_K for boundaries B_1 … B_K',
    );
  const counts = mass.map((m) => m.length);
  boundaries.forEach((B, i) => {
    if (B.rows !== counts[i] || B.cols !== counts[i + 1])
      throw new LaplacianInputError(
        'COMPLEX_SHAPE',
        `B_${i + 1} is ${B.rows}×${B.cols}, expected ${counts[i]}×${counts[i + 1]}`,
        `boundaries[${i}]`,
        'B_k needs a row per (k−1)-simplex and a column per k-simplex',
      );
    if (B.field.kind !== field.kind)
      throw new LaplacianInputError(
        'COMPLEX_SHAPE',
        `B_${i + 1} is over ${B.field.kind}, the complex over ${field.kind}`,
        `boundaries[${i}]`,
        'map every matrix into one field',
      );
  });
  mass.forEach((m, k) =>
    m.forEach((w, s) => {
      const bad = isFloat64Field(field)
        ? !(Number.isFinite(w) && (w as number) >= 0)
        : field.sign(w) < 0;
      if (bad)
        throw new LaplacianInputError(
          'WEIGHT_NEGATIVE',
          `weight M_${k}[${s}] = ${field.toString(w)} is not a finite number ≥ 0`,
          `mass[${k}][${s}]`,
          'give non-negative finite weights',
        );
    }),
  );
  const first = CsrMatrix.fromTriplets(field, 0, counts[0]!, []);
  return { field, counts, boundaries: [first, ...boundaries], mass };
}

/** The top degree K of the complex. */
export function topDegree<T>(c: WeightedComplex<T>): number {
  return c.counts.length - 1;
}

/** The rational value of an exact weight, or undefined when it is irrational or a float. */
function rationalOf(w: Weight): Rational | undefined {
  return typeof w === 'number' ? undefined : w.toRational();
}

function toNumber(w: Weight): number {
  return typeof w === 'number' ? w : w.toNumber();
}

/** Options of {@link fromRiemannianComplex}. */
export interface FromComplexOptions {
  /** Edge length for M_1 (default: the complex's own metric). */
  edgeLength?: ComplexOptions['edgeLength'];
  /** `auto` (default): exact when every weight is rational; `exact` throws otherwise. */
  arithmetic?: Arithmetic;
  /** Highest degree to keep (default: the complex's maxDimension, capped at its dimension d). */
  maxDegree?: number;
}

/**
 * The weighted chain complex of a Riemannian complex (docs/math.md §4): its boundary matrices and
 * its M_k. Simplices of degree k > d are left out (§4: the Laplacians leave them out).
 */
export function fromRiemannianComplex(
  complex: RiemannianComplex,
  options: FromComplexOptions = {},
): AnyWeightedComplex {
  const metric =
    options.edgeLength === undefined ? complex.metric : complex.metricFor(options.edgeLength);
  const top = Math.min(
    options.maxDegree ?? complex.maxDimension,
    complex.dimension,
    metric.M.length - 1,
  );
  const levels: Weight[][] = [];
  for (let k = 0; k <= top; k++) levels.push(metric.M[k] ?? []);
  const arithmetic = options.arithmetic ?? 'auto';
  const rational = levels.map((l) => l.map(rationalOf));
  const allRational = rational.every((l) => l.every((r) => r !== undefined));
  if (arithmetic === 'exact' && !allRational)
    throw new LaplacianInputError(
      'OPTION_INVALID',
      'some weights are irrational (r·√q with q ≠ 1) or float, so there is no exact rational path',
      'options.arithmetic',
      "use arithmetic 'auto' or 'float', or `unit` edge lengths on axis-aligned faces",
    );
  const boundaries: CsrMatrix<Rational>[] = [];
  for (let k = 1; k <= top; k++) boundaries.push(complex.boundary(k));
  if (arithmetic !== 'float' && allRational)
    return weightedComplex(
      RationalField,
      boundaries,
      rational.map((l) => l.map((r) => r!)),
    );
  return weightedComplex(
    FLOAT64,
    boundaries.map((B) => B.map(FLOAT64, (x) => x.toNumber())),
    levels.map((l) => l.map(toNumber)),
  );
}

/** The same complex in float64. */
export function toFloatComplex<T>(c: WeightedComplex<T>): WeightedComplex<number> {
  const F = c.field;
  if (isFloat64Field(F)) return c as unknown as WeightedComplex<number>;
  return {
    field: FLOAT64,
    counts: c.counts,
    boundaries: c.boundaries.map((B) => B.map(FLOAT64, (x) => F.toNumber(x))),
    mass: c.mass.map((m) => m.map((x) => F.toNumber(x))),
  };
}
