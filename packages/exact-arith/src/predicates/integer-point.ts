/**
 * Integer points x = num/den (one common denominator, den > 0; SPEC §1 exact rationals) and their
 * float copies for the filters. The one place that takes the lcm of a list of denominators.
 */
import { gcdBig, gcdOfList } from '../bigint.js';
import { fractionToDouble } from '../float.js';
import { Rational } from '../rational.js';
import type { IntegerPoint } from './types.js';

/** Least common multiple of positive denominators (1 for none). */
export function commonDenominator(dens: Iterable<bigint>): bigint {
  let l = 1n;
  for (const d of dens) if (d !== 1n) l = (l / gcdBig(l, d)) * d;
  return l;
}

/**
 * A rational point over the lcm of its denominators. The result is already reduced: every prime
 * power of the lcm divides some den_i exactly, whose numerator is coprime to it.
 */
export function toIntegerPoint(x: readonly Rational[]): IntegerPoint {
  const den = commonDenominator(x.map((v) => v.den));
  return { num: x.map((v) => (den === 1n ? v.num : v.num * (den / v.den))), den };
}

/**
 * The point num/den with den made positive and the common gcd of (num, den) divided out (the result
 * may share `num` when nothing changes: cell splitting makes millions of these).
 */
export function reducedIntegerPoint(num: readonly bigint[], den: bigint): IntegerPoint {
  if (den === 0n) throw new RangeError('integer point with denominator 0');
  let n = den < 0n ? num.map((v) => -v) : num;
  let d = den < 0n ? -den : den;
  const g = gcdOfList([...n, d]);
  if (g > 1n) {
    n = n.map((v) => v / g);
    d = d / g;
  }
  return { num: n, den: d };
}

/** The coordinates as rationals. */
export function integerPointToRationals(p: IntegerPoint): Rational[] {
  return p.num.map((x) => Rational.of(x, p.den));
}

const MIN_NORMAL = 2 ** -1022;

/**
 * num/den correctly rounded to float64, as a filter operand (error-bound.ts): NaN when a non-zero
 * value would round into the subnormal range or to 0 (its relative error would exceed u), so that
 * every filter using it answers "uncertain" and the exact path decides.
 */
export function roundFraction(num: bigint, den: bigint): number {
  const v = fractionToDouble(num, den);
  return num !== 0n && Math.abs(v) < MIN_NORMAL ? NaN : v;
}

/** Filter operands of a rational (see {@link roundFraction}). */
export function roundRational(x: Rational): number {
  return roundFraction(x.num, x.den);
}

/**
 * True when a float copy `v` of an exact value qualifies as a filter operand (error-bound.ts):
 * 0 for an exact zero, or a normal (or non-finite, caught later as overflow) value.
 */
export function isFilterOperand(v: number, exactIsZero: boolean): boolean {
  return v === 0 ? exactIsZero : !(Math.abs(v) < MIN_NORMAL);
}

/** Float copy of an integer point's coordinates (see {@link roundFraction}). */
export function floatCoordinates(p: IntegerPoint): Float64Array {
  const out = new Float64Array(p.num.length);
  for (let i = 0; i < out.length; i++) out[i] = roundFraction(p.num[i]!, p.den);
  return out;
}
