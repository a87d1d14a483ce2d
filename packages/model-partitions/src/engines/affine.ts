/**
 * Integer affine functions g(x) = w·x + c, the currency of the cell kernel. A rational function is
 * scaled by a positive factor to a primitive integer vector (same sign everywhere, SPEC §2 labels
 * depend only on signs); a float copy scaled into [−1, 1] feeds the float filter (SPEC §1).
 */
import { Rational, fractionToDouble, gcdOfList } from '@mlgeo/exact-arith';

/** g(x) = w·x + c with integer coefficients; `wf`, `cf` are the same divided by max |coefficient|. */
export interface IntAffine {
  w: bigint[];
  c: bigint;
  wf: Float64Array;
  cf: number;
}

const absBig = (a: bigint): bigint => (a < 0n ? -a : a);

/** Builds the primitive integer form of w·x + c from integers (scaled down by their gcd). */
export function affineFromIntegers(w: readonly bigint[], c: bigint): IntAffine {
  const g = gcdOfList([...w, c]);
  const ws = g > 1n ? w.map((v) => v / g) : w.slice();
  const cs = g > 1n ? c / g : c;
  let max = absBig(cs);
  for (const v of ws) if (absBig(v) > max) max = absBig(v);
  const wf = new Float64Array(ws.length);
  if (max === 0n) return { w: ws, c: cs, wf, cf: 0 };
  for (let i = 0; i < ws.length; i++) wf[i] = fractionToDouble(ws[i]!, max);
  return { w: ws, c: cs, wf, cf: fractionToDouble(cs, max) };
}

/** Positive integer multiple of the rational affine function w·x + c. */
export function affineFromRationals(w: readonly Rational[], c: Rational): IntAffine {
  let lcm = c.den;
  for (const v of w) lcm = (lcm / gcdOfList([lcm, v.den])) * v.den;
  return affineFromIntegers(
    w.map((v) => v.num * (lcm / v.den)),
    c.num * (lcm / c.den),
  );
}

/** −g. */
export function negateAffine(g: IntAffine): IntAffine {
  return { w: g.w.map((v) => -v), c: -g.c, wf: g.wf.map((v) => -v), cf: -g.cf };
}

/** True when w = 0 (g is constant). */
export function isConstantAffine(g: IntAffine): boolean {
  return g.w.every((v) => v === 0n);
}

/** The row a·x ≤ b meaning g(x) ≤ 0, as rationals (a = w, b = −c). */
export function affineToRow(g: IntAffine): { a: Rational[]; b: Rational } {
  return { a: g.w.map((v) => Rational.fromBigInt(v)), b: Rational.fromBigInt(-g.c) };
}
