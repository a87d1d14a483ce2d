/**
 * The network's affine map on a cell and the norm of its slope (docs/math.md "LP tier"): the output
 * z(x) = A x + c exactly (one backward sweep per output unit, exactUnitAffine), the Frobenius norm
 * ‖A‖_F exact as r·√q and the spectral norm ‖A‖₂ in float (power iteration on A Aᵀ).
 */
import { Rational, SqrtRational } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import type { AffineMap } from '../partition.js';
import { mlpPattern } from '../engines/cell-rows.js';
import { exactUnitAffine } from '../engines/mlp-certify.js';
import type { IntLayer } from '../engines/mlp-maps.js';

/** The exact output map of an MLP cell. */
export function exactOutputMap(
  model: ReluMlpModel,
  intLayers: readonly IntLayer[],
  label: string,
): AffineMap {
  const pattern = mlpPattern(model, label);
  const L = intLayers.length - 1;
  const A: Rational[][] = [];
  const c: Rational[] = [];
  for (let j = 0; j < intLayers[L]!.b.length; j++) {
    const z = exactUnitAffine(intLayers, pattern, L, j);
    A.push(z.w.map((v) => Rational.of(v, z.den)));
    c.push(Rational.of(z.c, z.den));
  }
  return { A, c };
}

/** ‖A‖_F exactly. */
export function frobeniusNorm(A: readonly (readonly Rational[])[]): SqrtRational {
  let s = Rational.ZERO;
  for (const row of A) for (const v of row) if (!v.isZero()) s = s.add(v.mul(v));
  return SqrtRational.sqrt(s);
}

/** ‖A‖₂ (largest singular value) in float: power iteration on the small Gram matrix A Aᵀ. */
export function spectralNorm(A: readonly ArrayLike<number>[]): number {
  const m = A.length;
  if (m === 0) return 0;
  const G = Array.from({ length: m }, (_, i) =>
    Array.from({ length: m }, (_, j) => {
      let s = 0;
      const a = A[i]!;
      const b = A[j]!;
      for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
      return s;
    }),
  );
  return spectralNormOfGram(G);
}

/** ‖A‖₂ from the Gram matrix G = A Aᵀ (rows of G), by power iteration. */
export function spectralNormOfGram(G: readonly (readonly number[])[]): number {
  const m = G.length;
  if (m === 0) return 0;
  let v = Array.from({ length: m }, (_, i) => 1 + i / (7 * m));
  let lambda = 0;
  for (let it = 0; it < 500; it++) {
    const w = G.map((row) => row.reduce((s, g, j) => s + g * v[j]!, 0));
    const n = Math.hypot(...w);
    if (n === 0) return 0;
    const next = w.map((x) => x / n);
    const prev = lambda;
    lambda = n;
    v = next;
    if (it > 5 && Math.abs(lambda - prev) <= 1e-15 * lambda) break;
  }
  return Math.sqrt(lambda);
}
