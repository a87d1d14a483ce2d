/**
 * Lehmer gcds on float64 limbs (limb-gcd.ts): gcdOfLongs equals plain Euclid whenever it answers,
 * answers for operands of similar length with a gcd below 2^32, and defers (−1) otherwise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absBig, gcdBig } from './bigint.js';
import { gcdOfLongs } from './limb-gcd.js';

function euclid(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

describe('gcd on float64 limbs', () => {
  it('equals plain Euclid when it answers (random, common factors, both signs)', () => {
    let answered = 0;
    let runs = 0;
    const long = fc.bigInt({ min: -(2n ** 400n), max: 2n ** 400n });
    fc.assert(
      fc.property(long, long, fc.bigInt({ min: 1n, max: 2n ** 40n }), (a, b, c) => {
        for (const [x, y] of [
          [a, b],
          [a * c, b * c],
          [a * c, c],
        ] as const) {
          if (absBig(x) < 2n ** 53n || absBig(y) < 2n ** 53n) continue;
          runs++;
          const g = gcdOfLongs(x, y);
          const e = euclid(x, y);
          if (g >= 0) {
            answered++;
            expect(BigInt(g)).toBe(e);
          } else
            expect(
              e >= 2n ** 32n ||
                absBig(x) > absBig(y) * 2n ** 29n ||
                absBig(y) > absBig(x) * 2n ** 29n,
            ).toBe(true);
          expect(gcdBig(x, y)).toBe(e);
        }
      }),
      { numRuns: 300 },
    );
    expect(answered).toBeGreaterThan(runs / 2);
  });

  it('edge operands: equal, powers of two, a multiple, 2^53 ± 1, Fibonacci', () => {
    const cases: [bigint, bigint][] = [
      [2n ** 100n, 2n ** 100n],
      [2n ** 100n, 2n ** 99n * 3n],
      [2n ** 60n + 1n, 2n ** 60n - 1n],
      [(2n ** 53n + 1n) * 12345n, (2n ** 53n - 1n) * 12345n],
      [-(2n ** 90n) * 7n, 2n ** 80n * 21n],
    ];
    const F: bigint[] = [0n, 1n];
    for (let i = 2; i <= 400; i++) F.push(F[i - 1]! + F[i - 2]!);
    cases.push([F[400]!, F[399]!], [F[300]!, F[200]!]);
    for (const [a, b] of cases) {
      const g = gcdOfLongs(a, b);
      const e = euclid(a, b);
      if (g >= 0) expect(BigInt(g)).toBe(e);
      else expect(e >= 2n ** 32n).toBe(true);
      expect(gcdBig(a, b)).toBe(e);
      expect(gcdBig(b, a)).toBe(e);
    }
  });
});
