/**
 * Exact vertices as reduced Rationals, from homogeneous integer points x = num/den (den > 0).
 * Each coordinate needs one gcd; a partition's cells share most of their vertices, so the
 * coordinates of a point object are made once and shared by every polytope that holds it
 * (polytopes of known vertices given the caller's reduced points, known-vertices.ts).
 */
import { type IntegerPoint, Rational, gcdBig } from '@mlgeo/exact-arith';

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

/** The first coordinate's reduced Rational of points made by {@link reducedVertexPoint}. */
const firstOf = new WeakMap<IntegerPoint, Rational>();

/**
 * num/den (den ≠ 0) as a reduced point (den > 0, gcd(num, den) = 1: the same point as exact-arith
 * `reducedIntegerPoint`), for a caller that will read its coordinates as Rationals
 * ({@link pointRationals}): g_0 = gcd(num_0, den) first, then g = gcd(g_0, num_1, …) (g_0 is
 * short: no long gcd), so num_0/den reduced is (num_0/g_0)/(den/g_0) with no gcd of its own — one
 * long gcd fewer per point than reducing the point and then each coordinate.
 */
export function reducedVertexPoint<P extends IntegerPoint = IntegerPoint>(
  num: readonly bigint[],
  den: bigint,
  /** Makes the caller's point object from the reduced coordinates (it is what gets registered). */
  make: (num: bigint[], den: bigint) => P = (n, d) => ({ num: n, den: d }) as IntegerPoint as P,
): P {
  if (den === 0n) throw new RangeError('integer point with denominator 0');
  const n = den < 0n ? num.map((v) => -v) : num.slice();
  const d = den < 0n ? -den : den;
  if (n.length === 0) return make(n, 1n);
  const n0 = n[0]!;
  const g0 = gcdBig(n0, d);
  let g = g0;
  for (let k = 1; k < n.length && g > 1n; k++) g = gcdBig(g, n[k]!);
  const p =
    g > 1n
      ? make(
          n.map((v) => v / g),
          d / g,
        )
      : make(n, d);
  firstOf.set(p, g0 > 1n ? Rational.unsafe(n0 / g0, d / g0) : Rational.unsafe(n0, d));
  return p;
}

/**
 * The coordinates num_k/den of p as reduced Rationals, cached per point object: read only (shared
 * by every polytope holding p).
 */
export function pointRationals(p: IntegerPoint): readonly Rational[] {
  let x = byPoint.get(p);
  if (x === undefined) {
    const out = new Array<Rational>(p.num.length);
    const first = firstOf.get(p);
    for (let k = 0; k < out.length; k++)
      out[k] = k === 0 && first !== undefined ? first : fraction(p.num[k]!, p.den);
    byPoint.set(p, (x = out));
  }
  return x;
}
