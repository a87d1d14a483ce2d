/**
 * Class scores of a cell (SPEC §5 decision regions): the output map z(x) = A x + c restricted to a
 * cell, with a single-output model read as z = (0, f) (class 1 iff f > 0), and the argmax with the
 * lowest index winning ties.
 */
import { Rational, UNIT_ROUNDOFF, affineWithError, roundingErrors } from '@mlgeo/exact-arith';
import type { AffineMap } from '../partition.js';

/** The scores z_0..z_{m−1} on a cell: the output map, or (0, f) for one output. */
export function classScores(output: AffineMap): AffineMap {
  if (output.A.length !== 1) return output;
  const d = output.A[0]!.length;
  return {
    A: [new Array<Rational>(d).fill(Rational.ZERO), output.A[0]!],
    c: [Rational.ZERO, output.c[0]!],
  };
}

/** z(x) exactly. */
export function evaluateAffine(map: AffineMap, x: readonly Rational[]): Rational[] {
  return map.A.map((row, j) => row.reduce((s, a, i) => s.add(a.mul(x[i]!)), map.c[j]!));
}

/** argmax of exact values, the lowest index winning ties (SPEC §2 ties, §5). */
export function argmaxLowest(values: readonly Rational[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]!.gt(values[best]!)) best = i;
  return best;
}

/**
 * The argmax of the scores at x when float64 with the running error bound of exact-arith's
 * `affineWithError` certifies it strictly (fl(ẑ_k − ẑ_j) > 2 (e_k + e_j) for all j ≠ k); undefined
 * otherwise (ties and near-ties are decided exactly).
 */
export function certifiedArgmax(scores: AffineMap, x: readonly Rational[]): number | undefined {
  const m = scores.A.length;
  const W = Float64Array.from(scores.A.flat(), (v) => v.toNumber());
  const b = Float64Array.from(scores.c, (v) => v.toNumber());
  const xf = Float64Array.from(x, (v) => v.toNumber());
  const z = new Float64Array(m);
  const e = new Float64Array(m);
  if (!affineWithError(W, b, xf, roundingErrors(xf, UNIT_ROUNDOFF), z, e)) return undefined;
  let k = 0;
  for (let j = 1; j < m; j++) if (z[j]! > z[k]!) k = j;
  for (let j = 0; j < m; j++)
    if (j !== k && !(z[k]! - z[j]! > 2 * (e[k]! + e[j]!))) return undefined;
  return k;
}

/** The class the output map predicts at x (exact forward pass on the cell; float-certified first). */
export function classAt(output: AffineMap, x: readonly Rational[]): number {
  const scores = classScores(output);
  return certifiedArgmax(scores, x) ?? argmaxLowest(evaluateAffine(scores, x));
}
