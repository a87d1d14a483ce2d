/** Small BigInt helpers used by the exact kernels. */
import { gcdDouble, gcdOfLongsBig, lehmer, lehmerMatrix } from './limb-gcd.js';

/** |a| for a BigInt. */
export function absBig(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/** 2^53: integers below it are exact doubles, and `%` on them is exact. */
const EXACT_DOUBLE_LIMIT = 1n << 53n;
const NEG_EXACT_DOUBLE_LIMIT = -EXACT_DOUBLE_LIMIT;

/** True when |a| ≥ 2^53 (beyond exact doubles). */
function isLong(a: bigint): boolean {
  return a >= EXACT_DOUBLE_LIMIT || a <= NEG_EXACT_DOUBLE_LIMIT;
}

/**
 * Operands this many bits apart start with a quotient of about 2^24 or more: gcdBig takes that
 * step as one BigInt remainder (the limb gcd takes quotients below 2^30 only).
 */
const LONG_QUOTIENT_BITS = 24;

/** Approximate bit length of a > 0 (exact or one too large: only used to pick a shift). */
function roughBitLength(a: bigint): number {
  const f = Number(a);
  return f !== Infinity ? Math.floor(Math.log2(f)) + 1 : a.toString(16).length * 4;
}

/**
 * gcd(|a|, |b|) (0 when both are 0). Lehmer's algorithm (Knuth, TAOCP 4.5.2, Algorithm L): the
 * Euclidean quotients are found from the leading 50 bits of a and b in float arithmetic (exact on
 * integers below 2^53) while they provably agree with those of a and b, and the accumulated 2×2
 * matrix is applied to the long numbers once per ~25 bits, instead of one long division per step.
 */
export function gcdBig(a: bigint, b: bigint): bigint {
  // both beyond doubles: Lehmer on float64 limbs (limb-gcd.ts, no BigInt per step) when no
  // quotient of 2^30 or more is met; else on BigInts below
  if (isLong(a) && isLong(b)) {
    // a first quotient of 2^24 or more (lengths apart): that step as one long division here
    const la = bitLength(a);
    const lb = bitLength(b);
    if (la > lb + LONG_QUOTIENT_BITS) a %= b;
    else if (lb > la + LONG_QUOTIENT_BITS) b %= a;
    if (isLong(a) && isLong(b)) {
      const g = gcdOfLongsBig(a, b);
      if (g !== undefined) return g;
    }
  }
  // both below 2^53 in magnitude: Euclid on doubles (exact there), no BigInt made but the result
  if (
    a < EXACT_DOUBLE_LIMIT &&
    a > NEG_EXACT_DOUBLE_LIMIT &&
    b < EXACT_DOUBLE_LIMIT &&
    b > NEG_EXACT_DOUBLE_LIMIT
  )
    return smallGcdBig(Math.abs(Number(a)), Math.abs(Number(b)));
  a = absBig(a);
  b = absBig(b);
  if (a < b) [a, b] = [b, a];
  // leading 50 bits: x = a >> shift, kept up to date as a shrinks (a bit length costs O(n))
  let s = b >= EXACT_DOUBLE_LIMIT ? Math.max(0, roughBitLength(a) - 50) : 0;
  let shift = s === 0 ? 0n : BigInt(s);
  while (b >= EXACT_DOUBLE_LIMIT) {
    let x = Number(a >> shift);
    if (x < 2 ** 49 && s > 0) {
      s =
        x === 0
          ? Math.max(0, roughBitLength(a) - 50)
          : Math.max(0, s - (50 - (Math.floor(Math.log2(x)) + 1)));
      shift = BigInt(s);
      x = Number(a >> shift);
    }
    lehmer[4] = x;
    lehmer[5] = Number(b >> shift);
    // the quotients the leading bits settle (no bound on the matrix: its entries are at most the
    // leading digits, below 2^51, and its products with a and b are BigInts)
    lehmerMatrix(Infinity);
    const A = lehmer[0]!;
    const B = lehmer[1]!;
    const C = lehmer[2]!;
    const D = lehmer[3]!;
    if (B === 0) {
      // no quotient certain from the leading bits: one long Euclidean step
      const t = a % b;
      a = b;
      b = t;
    } else {
      const na = BigInt(A) * a + BigInt(B) * b;
      b = BigInt(C) * a + BigInt(D) * b;
      a = na;
    }
  }
  if (b === 0n) return a;
  if (b === 1n) return 1n;
  // one BigInt step brings a below 2^53 too, and the rest runs on doubles (no allocation)
  let x: number;
  let y: number;
  if (a < EXACT_DOUBLE_LIMIT) {
    x = Number(a);
    y = Number(b);
  } else {
    x = Number(b);
    y = Number(a % b);
  }
  return smallGcdBig(x, y);
}

/** gcd(x, y) of integers 0 ≤ x, y < 2^53 (limb-gcd.ts gcdDouble) as a BigInt. */
function smallGcdBig(x: number, y: number): bigint {
  return gcdAsBig(gcdDouble(x, y));
}

/** A gcd found in doubles as a BigInt: the common 1 as one shared constant (no BigInt made). */
function gcdAsBig(g: number): bigint {
  return g === 1 ? 1n : BigInt(g);
}

const bitsView = new DataView(new ArrayBuffer(8));

/** Number of bits of |a| (0 for 0). */
export function bitLength(a: bigint): number {
  // |a| < 2^1024: from the double x = Number(|a|) (correctly rounded, so 2^e ≤ x < 2^(e+1) gives
  // 2^e ≤ |a| < 2^(e+1) unless x = 2^e, where |a| may round up to it), no string or BigInt made
  const x = Math.abs(Number(a));
  if (x === 0) return 0;
  if (x !== Infinity) {
    bitsView.setFloat64(0, x);
    const hi = bitsView.getUint32(0);
    const e = (hi >>> 20) - 1023; // x ≥ 1: a normal double
    if ((hi & 0xfffff) !== 0 || bitsView.getUint32(4) !== 0) return e + 1;
    // x = 2^e: |a| < x exactly (a BigInt against a double compares exactly)
    return (a > 0n ? a < x : a > -x) ? e : e + 1;
  }
  a = absBig(a);
  // toString(16) is fast and exact; refine the leading hex digit.
  const hex = a.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/** floor(sqrt(n)) for n >= 0 (Newton's method on BigInt). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** True iff n is the square of an integer. */
export function isPerfectSquare(n: bigint): boolean {
  if (n < 0n) return false;
  const r = isqrt(n);
  return r * r === n;
}

/** Greatest common divisor of a list (0 for an all-zero list). */
export function gcdOfList(values: readonly bigint[]): bigint {
  let g = 0n;
  for (const v of values) {
    if (v !== 0n) g = g === 0n ? absBig(v) : gcdBig(g, v);
    if (g === 1n) return 1n;
  }
  return g;
}

/** Divides an integer vector by the gcd of its entries (the zero vector is returned unchanged). */
export function primitiveVector(values: readonly bigint[]): bigint[] {
  const g = gcdOfList(values);
  if (g <= 1n) return values.slice();
  return values.map((v) => v / g);
}
