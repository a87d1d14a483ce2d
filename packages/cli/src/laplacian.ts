/**
 * `mlgeo analyze --spectrum k` and `--spline values.csv|predictions` (SPEC §7, docs/math.md §7,
 * @mlgeo/laplacian-splines): the report's `spectrum` section (the k smallest eigenpairs of Δ_0
 * with residuals, and the exact Betti numbers) and `spline` section (λ, degrees of freedom, GCV
 * curve, per-cell input, spline value and change), both on the complex's own metric. The same
 * functions recompute what `mlgeo verify` compares.
 */
import { Rational, isRational } from '@mlgeo/exact-arith';
import {
  type AnyWeightedComplex,
  type WeightedComplex,
  bettiNumbers,
  fromRiemannianComplex,
  laplacianSpectrum,
  refineValues,
} from '@mlgeo/laplacian-splines';
import type { RiemannianComplex } from '@mlgeo/riemannian-complex';
import type { ReportJson } from './report/types.js';
import type { SplineValues } from './spline-values.js';

export type SpectrumJson = NonNullable<ReportJson['spectrum']>;
export type SplineJson = NonNullable<ReportJson['spline']>;

/** The weighted chain complex the Laplacians act on: the complex with its own metric. */
export function weightedOf(complex: RiemannianComplex): AnyWeightedComplex {
  return fromRiemannianComplex(complex);
}

/** Signs an eigenvector so that its first entry of largest magnitude is positive. */
function signed(v: Float64Array): number[] {
  let at = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]!) > Math.abs(v[at]!)) at = i;
  const s = v[at]! < 0 ? -1 : 1;
  return Array.from(v, (x) => s * x + 0);
}

/** The report's `spectrum` section: the k smallest eigenpairs of Δ_0 and β_0 … β_K. */
export function spectrumOf(complex: RiemannianComplex, k: number): SpectrumJson {
  const c = weightedOf(complex);
  const count = Math.min(k, c.counts[0]!);
  const s = laplacianSpectrum(c, { count });
  return {
    edgeLength: complex.metric.edgeLength,
    tier: 'float',
    method: s.method,
    requested: k,
    components: s.components,
    pairs: s.pairs.slice(0, count).map((p) => ({
      value: p.value,
      residual: p.residual,
      vector: signed(p.vector),
    })),
    betti: { tier: 'exact', values: bettiNumbers(c as WeightedComplex<unknown>) },
  };
}

/** Options of {@link splineOf}. */
export interface SplineChoice {
  order: 1 | 2;
  /** λ as given on the command line (exact), or undefined for GCV. */
  lambda?: Rational;
}

const finite = (x: number | undefined): number | null =>
  x !== undefined && Number.isFinite(x) ? x : null;

/** The report's `spline` section: the simplicial spline of the given cell values. */
export function splineOf(
  complex: RiemannianComplex,
  input: SplineValues,
  choice: SplineChoice,
): SplineJson {
  const c = weightedOf(complex);
  // the model refinement (@mlgeo/laplacian-splines): the spline and the change per cell
  const refined = refineValues(c, input.values, {
    order: choice.order,
    ...(choice.lambda !== undefined ? { lambda: choice.lambda } : {}),
  });
  const r = refined.spline;
  const exact = r.exact;
  const toNum = (v: Rational | number) => (isRational(v) ? v.toNumber() : v);
  const exactOf = (v: Rational | number) => (isRational(v) ? v : Rational.fromDouble(v));
  const mask = input.values.map((v) => v !== undefined);
  const lambda = r.lambda;
  return {
    source: input.source,
    ...(input.file !== undefined ? { file: input.file } : {}),
    ...(input.format !== undefined ? { format: input.format } : {}),
    ...(input.output !== undefined ? { output: input.output } : {}),
    order: choice.order,
    edgeLength: complex.metric.edgeLength,
    tier: exact ? 'exact' : 'float',
    lambda: {
      value: toNum(lambda),
      ...(exact && isRational(lambda) ? { exact: lambda.toString() } : {}),
      chosenBy: choice.lambda === undefined ? 'gcv' : 'given',
    },
    scale: r.scale,
    dof: finite(r.dof),
    gcv: finite(r.gcv),
    gcvCurve: (r.gcvCurve ?? []).map((p) => ({
      lambda: p.lambda,
      relative: p.relative,
      score: finite(p.score),
      dof: p.dof,
    })),
    observed: mask.filter(Boolean).length,
    ...(input.skipped !== undefined ? { skipped: input.skipped } : {}),
    changed: refined.changed,
    maxChange: refined.maxChange,
    cells: refined.cells.map((cell, i) => ({
      observed: cell.observed,
      input: cell.before === undefined ? null : toNum(cell.before),
      ...(exact && cell.before !== undefined
        ? { inputExact: exactOf(cell.before).toString() }
        : {}),
      ...(input.points !== undefined ? { points: input.points[i]! } : {}),
      value: toNum(cell.after),
      ...(exact ? { exact: cell.after.toString() } : {}),
      change: cell.change === undefined ? null : toNum(cell.change),
    })),
  };
}
