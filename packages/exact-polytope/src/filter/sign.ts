/**
 * Filtered sign of an integer dot product g·r (SPEC §1, float fast path).
 *
 * Error bound. Let u = 2^-53 and γ_n = n·u / (1 − n·u). The operands are integers (BigInt) and
 * are converted to float64 with round-to-nearest, ĝ_i = g_i(1 + δ_i), r̂_i = r_i(1 + ε_i),
 * |δ_i|, |ε_i| ≤ u. Each product fl(ĝ_i r̂_i) = g_i r_i (1 + θ_3) and recursive summation of the n
 * products adds at most θ_{n−1} per term, so (Higham, Accuracy and Stability, Lemma 3.1 and §3.1)
 *
 *     |ŝ − s| ≤ γ_{n+2} · Σ |g_i r_i|,    and   Ŝ = fl(Σ |fl(ĝ_i r̂_i)|) ≥ (1 − γ_{n+2}) Σ |g_i r_i|,
 *
 * hence |ŝ − s| ≤ γ_{n+2}/(1 − γ_{n+2}) · Ŝ < (n + 3)·u·Ŝ for n < 2^40. We accept the float sign
 * only when |ŝ| > (n + 4)·u·Ŝ (the extra u·Ŝ absorbs the rounding of the threshold itself).
 * Underflow cannot occur: every non-zero operand is an integer, so |products| ≥ 1. Overflow (an
 * operand or Ŝ not finite) sends the decision to the exact path. Otherwise the sign is recomputed
 * exactly on BigInt — the filtered decision always equals the exact one.
 *
 * Exact case. If Ŝ < 2^53 then every non-zero product has both operands below 2^53 in magnitude
 * (integers ≥ 1), so the operands were converted exactly, every product and every partial sum is
 * an integer below 2^53 and is computed exactly: ŝ = s, and its sign (including 0) is certain.
 */

const U = 2 ** -53;
const TWO53 = 2 ** 53;

/** Counters of filter outcomes, exposed as `Polytope.stats`. */
export interface SignStats {
  /** Sign decisions made. */
  signTests: number;
  /** Decisions the float filter could not certify and that were recomputed exactly. */
  exactFallbacks: number;
}

/** Exact sign of g·r on BigInt. */
export function exactDotSign(g: readonly bigint[], r: readonly bigint[]): number {
  let s = 0n;
  for (let i = 0; i < g.length; i++) s += g[i]! * r[i]!;
  return s > 0n ? 1 : s < 0n ? -1 : 0;
}

/** Float copy of an integer vector (correctly rounded per entry). */
export function toFloatVector(v: readonly bigint[]): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Number(v[i]!);
  return out;
}

/**
 * Sign of g·r decided in float when the bound above certifies it; otherwise exactly.
 * `gf`, `rf` are the float copies of `g`, `r`.
 */
export function filteredDotSign(
  g: readonly bigint[],
  gf: Float64Array,
  r: readonly bigint[],
  rf: Float64Array,
  stats: SignStats,
): number {
  stats.signTests++;
  const n = gf.length;
  let s = 0;
  let abs = 0;
  for (let i = 0; i < n; i++) {
    const p = gf[i]! * rf[i]!;
    s += p;
    abs += Math.abs(p);
  }
  if (Number.isFinite(abs)) {
    if (abs < TWO53) return s > 0 ? 1 : s < 0 ? -1 : 0; // computed exactly (see above)
    const bound = (n + 4) * U * abs;
    if (s > bound) return 1;
    if (s < -bound) return -1;
  }
  stats.exactFallbacks++;
  return exactDotSign(g, r);
}
