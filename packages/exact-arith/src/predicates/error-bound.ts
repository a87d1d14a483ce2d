/**
 * The one rounding-error bound of the float filters (SPEC §1, float fast path). Every filtered sign
 * in mlgeo is decided by comparing a float64 sum against the bound below; nothing else in the
 * project writes a rounding constant.
 *
 * Model (Higham, Accuracy and Stability of Numerical Algorithms, §2.2 and Lemma 3.1). u = 2^-53 is
 * the unit roundoff of round-to-nearest float64 and γ_k = k·u / (1 − k·u). Without underflow and
 * overflow every operation is fl(x op y) = (x op y)(1 + δ), |δ| ≤ u, and a product of k such factors
 * is 1 + θ_k with |θ_k| ≤ γ_k.
 *
 * Operands. Each float operand is either the exact value it stands for, or that value correctly
 * rounded with relative error ≤ u (a non-zero value of magnitude ≥ 2^-1022; `roundFraction` returns
 * NaN otherwise, which sends the decision to the exact path). Integers always qualify.
 *
 * Bound. Let v = Σ_{i<m} t_i where every term is a product of at most two such operands (or a single
 * operand), and let v̂ be its recursive float sum of the float products, Ŝ = fl(Σ |fl(t̂_i)|). Each
 * computed term is t_i(1 + θ_3) and the summation adds θ_{m−1}, so |v̂ − v| ≤ γ_{m+2}·Σ|t_i| and
 * Ŝ ≥ (1 − γ_{m+2})·Σ|t_i|, hence
 *
 *     |v̂ − v| ≤ γ_{m+2} / (1 − γ_{m+2}) · Ŝ = (m + 2)u / (1 − 2(m + 2)u) · Ŝ ≤ (m + 3)·u·Ŝ
 *
 * whenever 2(m + 2)(m + 3)·u ≤ 1, i.e. for every m < 2^25 (the term count is checked; the earlier
 * statement "n < 2^40" in exact-polytope's copy of this proof was too generous).
 *
 * The threshold (m + 4)·u·Ŝ adds u·Ŝ, which absorbs the rounding of the threshold's own product
 * ((m + 4)·u is exact). Underflow of a product (two normal operands, a subnormal result) adds at most
 * 2^-1075 absolutely per term and sums in the subnormal range are exact, so the absolute slack
 * 1e-300 covers it for any m < 2^700; for integer operands no product underflows and the slack is
 * not needed. A non-finite sum or Ŝ means overflow: the filter then answers "uncertain".
 */

/** Unit roundoff of float64, u = 2^-53. */
export const UNIT_ROUNDOFF = 2 ** -53;

/** Absolute slack that covers the underflow of up to 2^700 products of normal operands. */
export const UNDERFLOW_SLACK = 1e-300;

/** 2^53: below it every integer is a float64 and integer sums are exact. */
export const EXACT_INTEGER_LIMIT = 2 ** 53;

/** Sums of at least this many terms are never certified (the bound needs m < 2^25). */
export const MAX_TERMS = 2 ** 25;

/** γ_k = k·u / (1 − k·u) (Higham §3.1). */
export function gamma(k: number): number {
  return (k * UNIT_ROUNDOFF) / (1 - k * UNIT_ROUNDOFF);
}

/**
 * Bound on |v̂ − v| for a float sum of `terms` products of correctly rounded operands, given the
 * float sum of the terms' absolute values `magnitude` (Ŝ above): (m + 4)·u·Ŝ + 1e-300.
 */
export function sumErrorBound(terms: number, magnitude: number): number {
  if (terms >= MAX_TERMS) return Infinity;
  return (terms + 4) * UNIT_ROUNDOFF * magnitude + UNDERFLOW_SLACK;
}

/** The sign of `value` when |value| exceeds `bound`, otherwise undefined (the filter cannot tell). */
export function signBeyond(value: number, bound: number): -1 | 1 | undefined {
  if (value > bound) return 1;
  if (value < -bound) return -1;
  return undefined;
}
