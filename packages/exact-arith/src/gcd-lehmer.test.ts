/**
 * gcdBig on long integers (Lehmer's algorithm: quotients from the leading bits in float
 * arithmetic), against plain Euclid: numbers beyond 2^1024 (no float view), consecutive
 * Fibonacci numbers (every quotient 1), and large common factors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absBig, gcdBig } from './bigint.js';

function euclid(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const long = fc.oneof(
  fc.bigInt({ min: -(2n ** 900n), max: 2n ** 900n }),
  fc.bigInt({ min: 2n ** 1000n, max: 2n ** 1100n }),
  fc.bigInt({ min: -(2n ** 2500n), max: 2n ** 2500n }),
);

describe('gcdBig on long integers', () => {
  it('equals plain Euclid, also with a long common factor', () => {
    fc.assert(
      fc.property(long, long, long, (a, b, c) => {
        if (gcdBig(a, b) !== euclid(a, b)) return false;
        const x = a * c;
        const y = b * c + c; // (a·c, (b + 1)·c): gcd is |c|·gcd(a, b + 1)
        return gcdBig(x, y) === euclid(x, y) && gcdBig(y, x) === euclid(x, y);
      }),
      { numRuns: 300 },
    );
  });

  it('consecutive Fibonacci numbers are coprime; F_m, F_n share F_gcd(m,n)', () => {
    const F: bigint[] = [0n, 1n];
    for (let i = 2; i <= 3000; i++) F.push(F[i - 1]! + F[i - 2]!);
    expect(gcdBig(F[3000]!, F[2999]!)).toBe(1n);
    expect(gcdBig(F[2400]!, F[1800]!)).toBe(F[600]!);
    expect(gcdBig(-F[2001]!, F[1334]!)).toBe(F[667]!);
  });

  it('powers: gcd(6^700, 10^500) = 2^500', () => {
    expect(gcdBig(6n ** 700n, 10n ** 500n)).toBe(2n ** 500n);
  });
});
