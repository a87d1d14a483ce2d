/**
 * A float64 affine map z = W x + b with a rigorous running error bound (SPEC §1 float fast path):
 * the building block of filtered forward passes through ReLU networks (SPEC §2) and of filtered
 * linear scores. A sign of z_j is certified when |ẑ_j| exceeds its bound.
 *
 * Bound. W and b are correctly rounded copies of exact values (error-bound.ts), x̃ approximates the
 * exact input x with |x̃_k − x_k| ≤ e_k. Split ẑ_j − z_j = (ẑ_j − z̃_j) + Σ_k W_jk (x̃_k − x_k) with
 * z̃_j = b_j + Σ_k W_jk x̃_k (exact W, b; float x̃). The first part is a float sum of n + 1 terms of at
 * most two rounded operands, ≤ (n + 3)·u·Ŝ_j by error-bound.ts with Ŝ_j = fl(|b̂_j| + Σ|fl(Ŵ x̃)|).
 * The second is ≤ Σ|W_jk| e_k ≤ (1 + u)/(1 − γ_{n}) · P_j < (1 + (n + 3)·u)·P_j with
 * P_j = fl(Σ|Ŵ_jk| e_k). So
 *
 *     |ẑ_j − z_j| ≤ k·Ŝ_j + (1 + k)·P_j,   k = (n + 3)·u,
 *
 * and we return twice the float value of the right-hand side (which covers the three roundings of
 * its own evaluation) plus the underflow slack. ReLU is 1-Lipschitz, so max(ẑ, 0) keeps the bound;
 * a unit certified negative gives h = 0 exactly (error 0).
 */
import { MAX_TERMS, UNDERFLOW_SLACK, UNIT_ROUNDOFF } from './error-bound.js';

/**
 * Evaluates z = W x̃ + b (W row-major, m × n with n = x.length) into `z` and its error bound into
 * `zErr`. Returns false when a value or bound is not finite (overflow: nothing is certified) or
 * n + 1 ≥ 2^25 (error-bound.ts).
 */
export function affineWithError(
  W: ArrayLike<number>,
  b: ArrayLike<number>,
  x: ArrayLike<number>,
  xErr: ArrayLike<number>,
  z: Float64Array,
  zErr: Float64Array,
): boolean {
  const n = x.length;
  const m = b.length;
  if (n + 1 >= MAX_TERMS) return false;
  const k = (n + 3) * UNIT_ROUNDOFF;
  for (let j = 0; j < m; j++) {
    let v = b[j]!;
    let mag = Math.abs(v);
    let prop = 0;
    const off = j * n;
    for (let i = 0; i < n; i++) {
      const w = W[off + i]!;
      const t = w * x[i]!;
      v += t;
      mag += Math.abs(t);
      prop += Math.abs(w) * xErr[i]!;
    }
    const bound = 2 * (k * mag + (1 + k) * prop) + UNDERFLOW_SLACK;
    if (!Number.isFinite(v) || !Number.isFinite(bound)) return false;
    z[j] = v;
    zErr[j] = bound;
  }
  return true;
}

/**
 * Error bounds of correctly rounded inputs (relative error `relError`, u for rounded rationals,
 * 0 for inputs that are exactly the floats).
 */
export function roundingErrors(x: ArrayLike<number>, relError: number): Float64Array {
  const e = new Float64Array(x.length);
  if (relError > 0) for (let i = 0; i < x.length; i++) e[i] = relError * Math.abs(x[i]!);
  return e;
}
