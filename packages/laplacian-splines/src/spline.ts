/**
 * Simplicial splines (docs/math.md §7): given values y on the cells and a mask of observed cells,
 *   f = argmin (f − y)ᵀ W M_0 (f − y) + λ fᵀ K f,   W = diag(mask),
 * with K = B_1 M_1 B_1ᵀ (order 1) or K = Δ_0ᵀ M_0 Δ_0 = K_0 M_0⁻¹ K_0 (order 2), i.e.
 * (W M_0 + λK) f = W M_0 y. The system is positive definite iff every connected component of K's
 * graph has an observed cell (otherwise f is not determined there: COMPONENT_UNOBSERVED).
 *
 * Solved exactly (sparse LDLᵀ over the rationals) when the complex is exact and λ is given; in
 * float64 by LDLᵀ or preconditioned CG otherwise. When λ is not given it minimises
 * GCV(λ) = m‖(W M_0)^{1/2}(y − f)‖² / (m − tr(W S_λ))², S_λ = (W M_0 + λK)⁻¹ W M_0, over
 * λ = s·τ with τ = tr(W M_0)/tr(K) (so the search does not depend on the units of M_0 or K): a
 * log grid s ∈ [1e-6, 1e6] and a golden-section refinement around its best point.
 */
import { CsrMatrix, type Field, Rational, RationalField, isRational } from '@mlgeo/exact-arith';
import { LaplacianInputError } from './errors.js';
import { hodgeLaplacian, pseudoInverse } from './laplacians.js';
import { ldlFactor, ldlFactorFloat } from './ldl.js';
import { pcg } from './pcg.js';
import { matrixComponents } from './spectrum.js';
import {
  type AnyWeightedComplex,
  FLOAT64,
  type WeightedComplex,
  isExactComplex,
  toFloatComplex,
} from './weighted-complex.js';

/** dof = tr(W S_λ) costs one solve per observed cell: computed up to this many. */
const TRACE_LIMIT = 2000;

/** Options of {@link simplicialSpline}. */
export interface SplineOptions {
  /** 1 (default): K = B_1 M_1 B_1ᵀ; 2: K = Δ_0ᵀ M_0 Δ_0. */
  order?: 1 | 2;
  /** Observed cells (default: all). */
  mask?: readonly boolean[];
  /** λ ≥ 0; default: chosen by GCV. A Rational (or an integer) keeps an exact complex exact. */
  lambda?: number | Rational;
  /** GCV grid of s = λ/τ: from, to (log scale) and number of points (default 1e-6, 1e6, 25). */
  gcvGrid?: { from: number; to: number; points: number };
  /**
   * `auto` (default): exact LDLᵀ over the rationals when the complex is exact (λ taken exactly:
   * a Rational, or the float's exact value), float64 LDLᵀ otherwise; `direct`: float64 LDLᵀ;
   * `pcg`: preconditioned conjugate gradients (float64).
   */
  solver?: 'auto' | 'direct' | 'pcg';
  /** Preconditioner of `pcg` (default `ic0`). */
  preconditioner?: 'jacobi' | 'ic0';
  /** Relative residual of `pcg` (default 1e-10). */
  tolerance?: number;
}

/** One point of the GCV curve. */
export interface GcvPoint {
  lambda: number;
  /** λ / τ. */
  relative: number;
  score: number;
  dof: number;
}

/** The spline and how it was chosen. */
export interface SplineResult {
  /** f per cell: exact Rationals on the exact path, numbers otherwise. */
  values: Rational[] | number[];
  exact: boolean;
  /** The λ used (a Rational on the exact path). */
  lambda: number | Rational;
  /** τ = tr(W M_0)/tr(K), the scale of the GCV search. */
  scale: number;
  /** Effective degrees of freedom tr(W S_λ) (float; absent for pcg solves). */
  dof?: number;
  /** GCV score at λ (when computed). */
  gcv?: number;
  /** The GCV curve (when λ was chosen by GCV), by increasing λ. */
  gcvCurve?: GcvPoint[];
  /** pcg iterations (pcg solver only). */
  iterations?: number;
}

/** The roughness matrix K (order 1 or 2) of a complex, in its own field. */
export function roughnessMatrix<T>(c: WeightedComplex<T>, order: 1 | 2): CsrMatrix<T> {
  const K0 = hodgeLaplacian(c, 0).upStiffness;
  if (order === 1) return K0;
  const F = c.field;
  c.mass[0]!.forEach((m, i) => {
    if (F.isZero(m))
      throw new LaplacianInputError(
        'MASS_ZERO',
        `cell ${i} has M_0 = 0; the order-2 roughness K_0 M_0⁻¹ K_0 needs M_0 > 0`,
        `mass[0][${i}]`,
        'use order 1 or leave out cells of zero volume',
      );
  });
  return K0.scale(undefined, pseudoInverse(F, c.mass[0]!)).mul(K0);
}

function checkInputs(
  n: number,
  y: readonly unknown[],
  mask: readonly boolean[] | undefined,
): boolean[] {
  if (y.length !== n)
    throw new LaplacianInputError(
      'VALUES_SHAPE',
      `${y.length} values for ${n} cells`,
      'values',
      'give one value per cell, in cell index order',
    );
  if (mask !== undefined && mask.length !== n)
    throw new LaplacianInputError(
      'VALUES_SHAPE',
      `the mask has ${mask.length} entries for ${n} cells`,
      'options.mask',
      'give one boolean per cell',
    );
  const m = mask ? [...mask] : new Array<boolean>(n).fill(true);
  if (!m.some(Boolean))
    throw new LaplacianInputError(
      'VALUES_SHAPE',
      'no cell is observed',
      'options.mask',
      'observe at least one cell',
    );
  return m;
}

function checkObservedComponents(K: CsrMatrix<unknown>, mask: readonly boolean[]): void {
  const { count, label } = matrixComponents(K);
  const seen = new Uint8Array(count);
  mask.forEach((o, i) => {
    if (o) seen[label[i]!] = 1;
  });
  const missing = seen.indexOf(0);
  if (missing >= 0)
    throw new LaplacianInputError(
      'COMPONENT_UNOBSERVED',
      `connected component ${missing} (cell ${label.indexOf(missing)} …) has no observed cell, so the spline is not determined there`,
      'options.mask',
      'observe at least one cell in every connected component, or drop that component',
    );
}

/** A = W M_0 + λK and b = W M_0 y over the field F. */
function system<T>(
  F: Field<T>,
  K: CsrMatrix<T>,
  M0: readonly T[],
  mask: readonly boolean[],
  y: readonly T[],
  lambda: T,
): { A: CsrMatrix<T>; b: T[]; wm: T[] } {
  const wm = M0.map((m, i) => (mask[i] ? m : F.zero));
  const D = CsrMatrix.fromTriplets(
    F,
    wm.length,
    wm.length,
    wm.map((value, i) => ({ row: i, col: i, value })),
  );
  return { A: D.add(K, lambda), b: wm.map((w, i) => F.mul(w, y[i]!)), wm };
}

/** Float GCV evaluation at one λ: factor once, m solves for the trace. */
function gcvAt(
  K: CsrMatrix<number>,
  M0: Float64Array,
  mask: readonly boolean[],
  y: Float64Array,
  lambda: number,
  scale: number,
  withTrace = true,
): GcvPoint & { f: Float64Array } {
  const n = M0.length;
  const { A, b, wm } = system(FLOAT64, K, Array.from(M0), mask, Array.from(y), lambda);
  const factor = ldlFactorFloat(A);
  const f = factor.solveInto(Float64Array.from(b), new Float64Array(n));
  // tr(W S_λ) = Σ_{i observed} M_0i (A⁻¹)_ii
  let dof = 0;
  const e = new Float64Array(n);
  const col = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    m++;
    if (!withTrace) continue;
    e[i] = 1;
    factor.solveInto(e, col);
    e[i] = 0;
    dof += wm[i]! * col[i]!;
  }
  let rss = 0;
  for (let i = 0; i < n; i++) if (mask[i]) rss += wm[i]! * (y[i]! - f[i]!) ** 2;
  if (!withTrace) return { lambda, relative: lambda / scale, score: NaN, dof: NaN, f };
  const denom = (m - dof) ** 2;
  return {
    lambda,
    relative: lambda / scale,
    score: denom > 0 ? (m * rss) / denom : Infinity,
    dof,
    f,
  };
}

function traceOf(F: Field<unknown>, A: CsrMatrix<unknown>): number {
  return A.diagonal().reduce((s: number, x) => s + F.toNumber(x), 0);
}

/** The simplicial spline of values y (one per cell) on a weighted complex. */
export function simplicialSpline(
  c: AnyWeightedComplex,
  y: readonly (number | Rational)[],
  options: SplineOptions = {},
): SplineResult {
  const order = options.order ?? 1;
  if (order !== 1 && order !== 2)
    throw new LaplacianInputError(
      'OPTION_INVALID',
      `spline order ${String(order)} is not 1 or 2`,
      'options.order',
      'use order 1 (gradient roughness) or 2 (Laplacian roughness)',
    );
  const n = c.counts[0]!;
  const mask = checkInputs(n, y, options.mask);
  const lambdaIn = options.lambda;
  if (
    lambdaIn !== undefined &&
    (isRational(lambdaIn) ? lambdaIn.sign() < 0 : !(Number.isFinite(lambdaIn) && lambdaIn >= 0))
  )
    throw new LaplacianInputError(
      'OPTION_INVALID',
      `λ = ${String(lambdaIn)} is not a finite number ≥ 0`,
      'options.lambda',
      'give λ ≥ 0 or leave it out to choose it by GCV',
    );
  const fc = toFloatComplex(c as WeightedComplex<unknown>);
  const Kf = roughnessMatrix(fc, order);
  checkObservedComponents(Kf, mask);
  const M0f = Float64Array.from(fc.mass[0]!);
  const yf = Float64Array.from(y, (v) => (isRational(v) ? v.toNumber() : v));
  let trWM = 0;
  mask.forEach((o, i) => {
    if (o) trWM += M0f[i]!;
  });
  const trK = traceOf(FLOAT64, Kf);
  const scale = trK > 0 ? trWM / trK : 1;

  const observed = mask.filter(Boolean).length;
  let lambda: number | Rational | undefined = lambdaIn;
  let curve: GcvPoint[] | undefined;
  let chosen: (GcvPoint & { f: Float64Array }) | undefined;
  if (lambda === undefined) {
    if (observed > TRACE_LIMIT)
      throw new LaplacianInputError(
        'OPTION_INVALID',
        `GCV needs tr(W S_λ), one solve per observed cell, and ${observed} cells are observed`,
        'options.lambda',
        `give λ, or choose it by GCV on a subset of at most ${TRACE_LIMIT} observed cells`,
      );
    const grid = options.gcvGrid ?? { from: 1e-6, to: 1e6, points: 25 };
    const lo = Math.log10(grid.from);
    const hi = Math.log10(grid.to);
    const pts = Math.max(2, grid.points);
    const evals: (GcvPoint & { f: Float64Array })[] = [];
    for (let k = 0; k < pts; k++)
      evals.push(gcvAt(Kf, M0f, mask, yf, scale * 10 ** (lo + ((hi - lo) * k) / (pts - 1)), scale));
    let best = 0;
    evals.forEach((e, k) => {
      if (e.score < evals[best]!.score) best = k;
    });
    // golden section in log10(s) between the grid neighbours of the best point
    let a = Math.log10(evals[Math.max(best - 1, 0)]!.relative);
    let b = Math.log10(evals[Math.min(best + 1, pts - 1)]!.relative);
    const g = (Math.sqrt(5) - 1) / 2;
    const at = (t: number) => {
      const e = gcvAt(Kf, M0f, mask, yf, scale * 10 ** t, scale);
      evals.push(e);
      return e;
    };
    let x1 = b - g * (b - a);
    let x2 = a + g * (b - a);
    let f1 = at(x1);
    let f2 = at(x2);
    for (let it = 0; it < 20 && b - a > 1e-3; it++) {
      if (f1.score <= f2.score) {
        b = x2;
        x2 = x1;
        f2 = f1;
        x1 = b - g * (b - a);
        f1 = at(x1);
      } else {
        a = x1;
        x1 = x2;
        f1 = f2;
        x2 = a + g * (b - a);
        f2 = at(x2);
      }
    }
    chosen = evals.reduce((p, e) => (e.score < p.score ? e : p));
    lambda = chosen.lambda;
    curve = evals
      .map(({ lambda: l, relative, score, dof }) => ({ lambda: l, relative, score, dof }))
      .sort((p, q) => p.lambda - q.lambda);
  }

  const solver = options.solver ?? 'auto';
  const traceable = observed <= TRACE_LIMIT;
  if (solver === 'auto' && isExactComplex(c)) {
    const exactLambda = isRational(lambda) ? lambda : Rational.fromDouble(lambda);
    const K = roughnessMatrix(c, order);
    const yq = y.map((v) => (isRational(v) ? v : Rational.fromDouble(v)));
    const { A, b } = system(RationalField, K, c.mass[0]!, mask, yq, exactLambda);
    const values = ldlFactor(A).solve(b);
    const g =
      chosen ?? (traceable ? gcvAt(Kf, M0f, mask, yf, exactLambda.toNumber(), scale) : undefined);
    return {
      values,
      exact: true,
      lambda: exactLambda,
      scale,
      ...(g ? { dof: g.dof, gcv: g.score } : {}),
      ...(curve ? { gcvCurve: curve } : {}),
    };
  }
  const lam = isRational(lambda) ? lambda.toNumber() : lambda;
  if (solver === 'pcg') {
    const { A, b } = system(FLOAT64, Kf, Array.from(M0f), mask, Array.from(yf), lam);
    const r = pcg(A, Float64Array.from(b), {
      preconditioner: options.preconditioner ?? 'ic0',
      tolerance: options.tolerance ?? 1e-10,
    });
    return {
      values: Array.from(r.x),
      exact: false,
      lambda: lam,
      scale,
      iterations: r.iterations,
      ...(curve ? { gcvCurve: curve } : {}),
    };
  }
  const g = chosen ?? gcvAt(Kf, M0f, mask, yf, lam, scale, traceable);
  return {
    values: Array.from(g.f),
    exact: false,
    lambda: lam,
    scale,
    ...(Number.isNaN(g.dof) ? {} : { dof: g.dof, gcv: g.score }),
    ...(curve ? { gcvCurve: curve } : {}),
  };
}
