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

/**
 * A point that keeps its coordinates' Rationals: slots declared by the maker of the point objects
 * (so that all its points share one hidden class), written once. Kept on the point, not in
 * WeakMaps keyed by points: V8's young-generation collector keeps WeakMap entries alive after
 * their keys are dead, and promotes them (issue 11).
 */
export interface RationalsSlots {
  /** The first coordinate's reduced Rational (set by {@link reducedVertexPoint}). */
  first?: Rational | undefined;
  /** Every coordinate's reduced Rational (set by {@link pointRationals} on first call). */
  rationals?: readonly Rational[] | undefined;
}

/** The default point of {@link reducedVertexPoint}, made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
class SlottedPoint implements IntegerPoint, RationalsSlots {
  first: Rational | undefined = undefined;
  rationals: readonly Rational[] | undefined = undefined;
  constructor(
    readonly num: bigint[],
    readonly den: bigint,
  ) {}
}

/** Coordinates of points without {@link RationalsSlots} (made by other callers). */
const byPoint = new WeakMap<IntegerPoint, readonly Rational[]>();

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
  make: (num: bigint[], den: bigint) => P = (n, d) => new SlottedPoint(n, d) as IntegerPoint as P,
): P {
  if (den === 0n) throw new RangeError('integer point with denominator 0');
  const negate = den < 0n;
  const d = negate ? -den : den;
  const len = num.length;
  if (len === 0) return make([], 1n);
  // gcds are of |·| (gcdBig), so they are read from num as given: one output array, made once
  const g0 = gcdBig(num[0]!, d);
  let g = g0;
  for (let k = 1; k < len && g > 1n; k++) g = gcdBig(g, num[k]!);
  const n = new Array<bigint>(len);
  // g divides every entry, so dividing by −g is the negation and the division in one BigInt
  if (g > 1n) {
    const s = negate ? -g : g;
    for (let k = 0; k < len; k++) n[k] = num[k]! / s;
  } else for (let k = 0; k < len; k++) n[k] = negate ? -num[k]! : num[k]!;
  const dg = g > 1n ? d / g : d;
  const p = make(n, dg);
  // num_0/den reduced: (num_0/g_0)/(den/g_0), the point's own first entries when g_0 = g
  if ('first' in p)
    (p as RationalsSlots).first =
      g0 === g ? Rational.unsafe(n[0]!, dg) : Rational.unsafe(n[0]! / (g0 / g), dg / (g0 / g));
  return p;
}

/**
 * The coordinates num_k/den of p as reduced Rationals, cached per point object: read only (shared
 * by every polytope holding p).
 */
export function pointRationals(p: IntegerPoint): readonly Rational[] {
  const slots = 'rationals' in p ? (p as RationalsSlots) : undefined;
  let x = slots ? slots.rationals : byPoint.get(p);
  if (x === undefined) {
    const out = new Array<Rational>(p.num.length);
    const first = slots?.first;
    for (let k = 0; k < out.length; k++)
      out[k] = k === 0 && first !== undefined ? first : fraction(p.num[k]!, p.den);
    x = out;
    if (slots) slots.rationals = out;
    else byPoint.set(p, out);
  }
  return x;
}
