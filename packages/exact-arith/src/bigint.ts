/** Small BigInt helpers used by the exact kernels. */

/** |a| for a BigInt. */
export function absBig(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/** 2^53: integers below it are exact doubles, and `%` on them is exact. */
const EXACT_DOUBLE_LIMIT = 1n << 53n;

/** gcd(|a|, |b|) (0 when both are 0). */
export function gcdBig(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  if (a < b) [a, b] = [b, a];
  // Euclid on BigInt while the numbers are large (each step shrinks the pair) …
  while (b >= EXACT_DOUBLE_LIMIT) {
    const t = a % b;
    a = b;
    b = t;
  }
  if (b === 0n) return a;
  if (b === 1n) return 1n;
  // … then one BigInt step brings a below 2^53 too, and the rest runs on doubles (no allocation).
  let x: number;
  let y: number;
  if (a < EXACT_DOUBLE_LIMIT) {
    x = Number(a);
    y = Number(b);
  } else {
    x = Number(b);
    y = Number(a % b);
  }
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return BigInt(x);
}

/** Number of bits of |a| (0 for 0). */
export function bitLength(a: bigint): number {
  a = absBig(a);
  if (a === 0n) return 0;
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
