/**
 * Exact conversions between IEEE-754 floats and rationals (SPEC §1): a float is split into its
 * sign, exponent and mantissa bits, so `fromDouble(0.1)` is 3602879701896397/2^55, never 1/10.
 */
import { bitLength } from './bigint.js';
import { NonFiniteNumberError } from './errors.js';

const view = new DataView(new ArrayBuffer(8));

/** Exact (numerator, denominator) of a finite double; the denominator is a power of two. */
export function doubleToFraction(x: number, field?: string): { num: bigint; den: bigint } {
  if (!Number.isFinite(x)) throw new NonFiniteNumberError(x, field);
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER)
    return { num: BigInt(x), den: 1n };
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biasedExponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biasedExponent === 0) {
    exponent = -1074; // subnormal: mantissa · 2^-1074
  } else {
    mantissa |= 1n << 52n;
    exponent = biasedExponent - 1075;
  }
  if (mantissa === 0n) return { num: 0n, den: 1n };
  // strip common powers of two so the fraction is in lowest terms
  while (exponent < 0 && (mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent += 1;
  }
  const signed = negative ? -mantissa : mantissa;
  return exponent >= 0
    ? { num: signed << BigInt(exponent), den: 1n }
    : { num: signed, den: 1n << BigInt(-exponent) };
}

const SAFE_BIG = 2n ** 53n;

/** BigInt(k) for the shifts 0 ≤ k < 1100 of {@link roundedToOdd}, made once instead of per call. */
const SHIFTS: readonly bigint[] = Array.from({ length: 1100 }, (_, k) => BigInt(k));

function shiftBig(k: number): bigint {
  return SHIFTS[k]!;
}

/**
 * num/den correctly rounded (ties to even) when 2^-1000 < |num/den| < 2^1000, via
 * q = trunc(num·2^shift / den) with 2^54 ≤ |q| < 2^56: q rounded to odd (its last bit set when the
 * division is inexact) keeps at least 2 bits beyond the 53 of a double, and then rounding it to
 * nearest (Number of a BigInt is correctly rounded) gives the double nearest to the quotient itself
 * (round-to-odd, Boldo & Melquiond 2008); the scaling by 2^-shift is exact for a normal result.
 */
function roundedToOdd(num: bigint, den: bigint, shift: number): number {
  const sn = shift >= 0 ? num << shiftBig(shift) : num;
  const sd = shift >= 0 ? den : den << shiftBig(-shift);
  let q = sn / sd; // truncated toward 0: |q| = floor(|num/den|·2^shift)
  if ((q & 1n) === 0n && q * sd !== sn) q += num < 0n ? -1n : 1n;
  return Number(q) * 2 ** -shift;
}

/**
 * The double nearest to num/den (ties to even), including subnormals and overflow to ±Infinity.
 * `den` must be positive and the fraction need not be reduced.
 */
export function fractionToDouble(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  // both exact doubles: IEEE division rounds the quotient correctly (ties to even)
  if (num <= SAFE_BIG && num >= -SAFE_BIG && den <= SAFE_BIG) return Number(num) / Number(den);
  // floor(log2 |x|) is e0 − 1 or e0; away from the ends of the exponent range the result is
  // normal and the quotient is rounded to odd on 55–56 bits first (few BigInt temporaries)
  const e0 = bitLength(num) - bitLength(den);
  if (e0 > -1000 && e0 < 1000) return roundedToOdd(num, den, 55 - e0);
  const negative = num < 0n;
  const a = negative ? -num : num;
  // E = floor(log2(a/den))
  let E = bitLength(a) - bitLength(den);
  if (E >= 0 ? a < den << BigInt(E) : a << BigInt(-E) < den) E -= 1;
  if (E > 1023) return negative ? -Infinity : Infinity;
  // The result is m · 2^-shift with m an integer of at most 53 bits (fewer for subnormals).
  const shift = E < -1022 ? 1074 : 52 - E;
  const scaledNum = shift >= 0 ? a << BigInt(shift) : a;
  const scaledDen = shift >= 0 ? den : den << BigInt(-shift);
  let m = scaledNum / scaledDen;
  const twiceRemainder = 2n * (scaledNum - m * scaledDen);
  if (twiceRemainder > scaledDen || (twiceRemainder === scaledDen && (m & 1n) === 1n)) m += 1n;
  const value = Number(m) * 2 ** -shift; // exact unless it overflows to Infinity
  // 2 ** -1074 underflows in the product above only when shift > 1074, which cannot happen.
  return negative ? -value : value;
}
