/** BigInt helpers against definitions (divisibility + coprimality, isqrt bounds, binary length). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absBig,
  bitLength,
  gcdBig,
  gcdOfList,
  isPerfectSquare,
  isqrt,
  primitiveVector,
} from './bigint.js';

const big = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
  fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }),
);

/** Plain Euclid on BigInt: the oracle for the hybrid BigInt/double gcd. */
function euclid(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

describe('gcdBig', () => {
  it('divides both, leaves coprime cofactors, and equals plain Euclid', () => {
    fc.assert(
      fc.property(big, big, big, (a, b, c) => {
        // multiply by a common factor so that large gcds occur
        const x = a * c;
        const y = b * c;
        const g = gcdBig(x, y);
        if (g !== euclid(x, y)) return false;
        if (g === 0n) return x === 0n && y === 0n;
        return g > 0n && x % g === 0n && y % g === 0n && euclid(x / g, y / g) === 1n;
      }),
      { numRuns: 3000 },
    );
  });

  it('edge cases around 2^53', () => {
    const t = 2n ** 53n;
    expect(gcdBig(0n, 0n)).toBe(0n);
    expect(gcdBig(0n, -7n)).toBe(7n);
    expect(gcdBig(t, t + 2n)).toBe(2n);
    expect(gcdBig(t - 1n, (t - 1n) * 3n)).toBe(t - 1n);
    expect(gcdBig(t + 1n, t - 1n)).toBe(1n); // both odd, differ by 2
    expect(gcdBig(t + 2n, t - 2n)).toBe(2n);
    expect(gcdBig(3n ** 40n * 5n, 3n ** 41n)).toBe(3n ** 40n);
  });

  it('long operands with a gcd of 2^32 or more, and operands of very different lengths', () => {
    // the limb gcd's answers made from limbs (gcdOfLongsBig), and a first quotient ≥ 2^24 taken
    // as one BigInt remainder
    const long = fc.bigInt({ min: 2n ** 53n, max: 2n ** 400n });
    const factor = fc.bigInt({ min: 2n ** 32n, max: 2n ** 200n });
    fc.assert(
      fc.property(long, long, factor, fc.boolean(), (a, b, g0, neg) => {
        const x = (neg ? -a : a) * g0;
        const y = b * g0;
        return gcdBig(x, y) === euclid(x, y) && gcdBig(y, x) === euclid(x, y);
      }),
      { numRuns: 2000 },
    );
    expect(gcdBig(2n ** 64n * 3n ** 5n, 2n ** 64n * 3n)).toBe(2n ** 64n * 3n);
    expect(gcdBig(2n ** 300n + 2n ** 70n, 2n ** 70n)).toBe(2n ** 70n);
    expect(gcdBig((2n ** 61n - 1n) * (2n ** 89n - 1n), (2n ** 61n - 1n) * 12345n)).toBe(
      2n ** 61n - 1n,
    );
  });

  it('gcdOfList and primitiveVector', () => {
    expect(gcdOfList([])).toBe(0n);
    expect(gcdOfList([0n, 0n])).toBe(0n);
    expect(gcdOfList([12n, -18n, 30n])).toBe(6n);
    expect(primitiveVector([12n, -18n, 0n])).toEqual([2n, -3n, 0n]);
    expect(primitiveVector([0n, 0n])).toEqual([0n, 0n]);
  });
});

describe('isqrt, isPerfectSquare, bitLength', () => {
  it('isqrt(n)² ≤ n < (isqrt(n)+1)²', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 2n ** 400n })),
        (n) => {
          const r = isqrt(n);
          return r * r <= n && n < (r + 1n) * (r + 1n) && isPerfectSquare(n) === (r * r === n);
        },
      ),
    );
    expect(isqrt(10n ** 40n)).toBe(10n ** 20n);
    expect(isPerfectSquare(-4n)).toBe(false);
    expect(() => isqrt(-1n)).toThrow(RangeError);
  });

  it('bitLength equals the length of the binary string', () => {
    fc.assert(
      fc.property(big, (n) => bitLength(n) === (n === 0n ? 0 : absBig(n).toString(2).length)),
    );
  });

  it('bitLength at 2^k and its neighbours (where Number(n) rounds up to 2^k), past 2^1024', () => {
    for (let k = 0; k <= 1100; k++) {
      const p = 2n ** BigInt(k);
      for (const n of [p, p - 1n, p + 1n, -p, 1n - p])
        expect(bitLength(n)).toBe(n === 0n ? 0 : absBig(n).toString(2).length);
    }
  });
});
