/**
 * Exact vertices as reduced Rationals, from homogeneous integer points x = num/den (den > 0).
 * Each coordinate needs one gcd; a partition's cells share most of their vertices, so the
 * coordinates of a point object are made once and shared by every polytope that holds it
 * (polytopes of known vertices given the caller's reduced points, known-vertices.ts).
 */
import { type IntegerPoint, Rational } from '@mlgeo/exact-arith';

const SAFE = 9007199254740992n;

/** x/t (t > 0) as a reduced Rational; the gcd in float64 when both are below 2^53. */
export function fraction(x: bigint, t: bigint): Rational {
  if (x < SAFE && x > -SAFE && t < SAFE) {
    let a = Math.abs(Number(x));
    let b = Number(t);
    while (b !== 0) {
      const r = a % b;
      a = b;
      b = r;
    }
    return a === 1 ? Rational.unsafe(x, t) : Rational.unsafe(x / BigInt(a), t / BigInt(a));
  }
  return Rational.of(x, t);
}

/** Coordinates per point object (the points are immutable by the callers' contract). */
const byPoint = new WeakMap<IntegerPoint, readonly Rational[]>();

/**
 * The coordinates num_k/den of p as reduced Rationals, cached per point object: read only (shared
 * by every polytope holding p).
 */
export function pointRationals(p: IntegerPoint): readonly Rational[] {
  let x = byPoint.get(p);
  if (x === undefined) {
    const out = new Array<Rational>(p.num.length);
    for (let k = 0; k < out.length; k++) out[k] = fraction(p.num[k]!, p.den);
    byPoint.set(p, (x = out));
  }
  return x;
}
