/**
 * Signs of dot products and affine values, exact on BigInt and filtered in float64 with the bound of
 * error-bound.ts (SPEC §1 float fast path: a float decision is taken only when certified).
 */
import {
  EXACT_INTEGER_LIMIT,
  MAX_TERMS,
  UNIT_ROUNDOFF,
  signBeyond,
  sumErrorBound,
} from './error-bound.js';
import type { FilterStats, IntegerPoint } from './types.js';

const signOf = (s: bigint): -1 | 0 | 1 => (s > 0n ? 1 : s < 0n ? -1 : 0);

/** Exact sign of g·r on BigInt. */
export function exactDotSign(g: readonly bigint[], r: readonly bigint[]): -1 | 0 | 1 {
  let s = 0n;
  for (let i = 0; i < g.length; i++) s += g[i]! * r[i]!;
  return signOf(s);
}

/** Float copy of an integer vector (correctly rounded per entry). */
export function toFloatVector(v: readonly bigint[]): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Number(v[i]!);
  return out;
}

/**
 * Sign of the integer dot product g·r decided in float when certified, otherwise exactly; `gf`, `rf`
 * are the float copies of `g`, `r` ({@link toFloatVector}).
 *
 * The operands are integers, so the threshold is {@link sumErrorBound} without underflow slack:
 * (n + 4)·u·Ŝ. Exact case: if Ŝ < 2^53 every non-zero product has both operands below 2^53 (integers
 * ≥ 1), so operands, products and partial sums are exact integers: the float sign (including 0) is
 * the exact one.
 */
export function filteredDotSign(
  g: readonly bigint[],
  gf: Float64Array,
  r: readonly bigint[],
  rf: Float64Array,
  stats: FilterStats,
): -1 | 0 | 1 {
  stats.signTests++;
  const n = gf.length;
  let s = 0;
  let abs = 0;
  for (let i = 0; i < n; i++) {
    const p = gf[i]! * rf[i]!;
    s += p;
    abs += Math.abs(p);
  }
  if (Number.isFinite(abs) && n < MAX_TERMS) {
    if (abs < EXACT_INTEGER_LIMIT) return s > 0 ? 1 : s < 0 ? -1 : 0; // computed exactly (see above)
    const bound = (n + 4) * UNIT_ROUNDOFF * abs;
    if (s > bound) return 1;
    if (s < -bound) return -1;
  }
  stats.exactFallbacks++;
  return exactDotSign(g, r);
}

/**
 * den · (w·x + c) = w·num + c·den for x = num/den: an integer with the sign of the affine value at x.
 * Zero coefficients are skipped (sparse rows are common).
 */
export function affineNumerator(w: readonly bigint[], c: bigint, x: IntegerPoint): bigint {
  let s = c * x.den;
  const num = x.num;
  for (let i = 0; i < num.length; i++) if (w[i] !== 0n) s += w[i]! * num[i]!;
  return s;
}

/** Exact sign of w·x + c at an integer point. */
export function exactAffineSign(w: readonly bigint[], c: bigint, x: IntegerPoint): -1 | 0 | 1 {
  return signOf(affineNumerator(w, c, x));
}

/**
 * Float sign of w·x + c from correctly rounded operands (error-bound.ts: n + 1 terms), or undefined
 * when the bound cannot certify it (including overflow: a NaN compares false both ways).
 */
export function approxAffineSign(
  wf: ArrayLike<number>,
  cf: number,
  xf: ArrayLike<number>,
): -1 | 1 | undefined {
  let s = cf;
  let mag = Math.abs(cf);
  const n = wf.length;
  for (let i = 0; i < n; i++) {
    const t = wf[i]! * xf[i]!;
    s += t;
    mag += Math.abs(t);
  }
  if (!Number.isFinite(mag)) return undefined;
  return signBeyond(s, sumErrorBound(n + 1, mag));
}

/**
 * Sign of w·x + c at an integer point: float when {@link approxAffineSign} certifies it, exact
 * otherwise (the approximate-then-exact combinator inlined, it is the hot path of enumeration).
 * `wf`, `cf`, `xf` are the correctly rounded copies of `w`, `c` and the point's coordinates.
 */
export function filteredAffineSign(
  w: readonly bigint[],
  c: bigint,
  wf: ArrayLike<number>,
  cf: number,
  x: IntegerPoint,
  xf: ArrayLike<number>,
  stats?: FilterStats,
): -1 | 0 | 1 {
  if (stats) stats.signTests++;
  const s = approxAffineSign(wf, cf, xf);
  if (s !== undefined) return s;
  if (stats) stats.exactFallbacks++;
  return exactAffineSign(w, c, x);
}
