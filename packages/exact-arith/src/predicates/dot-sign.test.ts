import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FilterStats, newFilterStats } from './types.js';
import {
  affineNumerator,
  approxAffineSign,
  exactAffineSign,
  exactDotSign,
  filteredAffineSign,
  filteredDotSign,
  toFloatVector,
} from './dot-sign.js';
import { UNIT_ROUNDOFF, gamma, sumErrorBound } from './error-bound.js';
import { floatCoordinates, reducedIntegerPoint } from './integer-point.js';

const entry = fc.oneof(
  fc.bigInt({ min: -20n, max: 20n }),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
  fc.constantFrom(2n ** 53n + 1n, 2n ** 53n - 1n, -(2n ** 1100n), 10n ** 17n + 3n),
);

describe('filteredDotSign', () => {
  it('always equals the exact sign (random, huge and overflowing entries)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((n) =>
            fc.tuple(
              fc.array(entry, { minLength: n, maxLength: n }),
              fc.array(entry, { minLength: n, maxLength: n }),
            ),
          ),
        ([g, r]) => {
          const stats: FilterStats = { signTests: 0, exactFallbacks: 0 };
          expect(filteredDotSign(g, toFloatVector(g), r, toFloatVector(r), stats)).toBe(
            exactDotSign(g, r),
          );
          expect(stats.signTests).toBe(1);
        },
      ),
      { numRuns: 2000, seed: 1 },
    );
  });
  it('decides exact zeros of huge operands by the exact fallback', () => {
    const s = 10n ** 17n + 1n; // not a double
    const g = [s, -(s + 2n)];
    const r = [s + 2n, s];
    const stats: FilterStats = { signTests: 0, exactFallbacks: 0 };
    expect(filteredDotSign(g, toFloatVector(g), r, toFloatVector(r), stats)).toBe(0);
    expect(stats.exactFallbacks).toBe(1);
  });
  it('decides small-integer zeros in float (the float sum is exact below 2^53)', () => {
    const stats: FilterStats = { signTests: 0, exactFallbacks: 0 };
    const g = [3n, -2n, 1n];
    const r = [2n, 3n, 0n];
    expect(filteredDotSign(g, toFloatVector(g), r, toFloatVector(r), stats)).toBe(0);
    expect(stats.exactFallbacks).toBe(0);
  });
  it('a near-cancellation beyond float precision is not decided in float', () => {
    // (2^60 + 1)·1 − 2^60·1 = 1, but both products round to 2^60 in float64
    const g = [2n ** 60n + 1n, -(2n ** 60n)];
    const r = [1n, 1n];
    const stats: FilterStats = { signTests: 0, exactFallbacks: 0 };
    expect(filteredDotSign(g, toFloatVector(g), r, toFloatVector(r), stats)).toBe(1);
    expect(stats.exactFallbacks).toBe(1);
  });
});

// integer affine rows w·x + c at rational points num/den, with c chosen to nearly cancel
const coefficient = fc.oneof(
  fc.bigInt({ min: -20n, max: 20n }),
  fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
  fc.constantFrom(2n ** 53n - 1n, 2n ** 53n + 1n, -(2n ** 1030n), 0n),
);
const denominator = fc.oneof(
  fc.bigInt({ min: 1n, max: 1000n }),
  fc.constantFrom(2n ** 55n, 3n ** 40n, 2n ** 1070n, 2n ** 1100n),
);
const affineCase = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    w: fc.array(coefficient, { minLength: n, maxLength: n }),
    num: fc.array(coefficient, { minLength: n, maxLength: n }),
    den: denominator,
    shift: fc.bigInt({ min: -2n, max: 2n }),
  }),
);

describe('filteredAffineSign', () => {
  it('always equals the exact sign (near-cancelling, huge, tiny and overflowing values)', () => {
    fc.assert(
      fc.property(affineCase, ({ w, num, den, shift }) => {
        const x = reducedIntegerPoint(num, den);
        // c ≈ −w·x: the value w·x + c is a fraction of magnitude < 3 or exactly 0
        let dot = 0n;
        for (let i = 0; i < w.length; i++) dot += w[i]! * x.num[i]!;
        const c = -(dot / x.den) + shift;
        const exact = exactAffineSign(w, c, x);
        const stats = newFilterStats();
        const s = filteredAffineSign(
          w,
          c,
          toFloatVector(w),
          Number(c),
          x,
          floatCoordinates(x),
          stats,
        );
        expect(s).toBe(exact);
        expect(stats.signTests).toBe(1);
        expect(affineNumerator(w, c, x) === 0n).toBe(exact === 0);
      }),
      { numRuns: 3000, seed: 2 },
    );
  });
  it('decides clear signs in float and never certifies a sign inside the bound', () => {
    const stats = newFilterStats();
    const x = reducedIntegerPoint([1n, 3n], 4n); // (1/4, 3/4)
    const w = [4n, -4n];
    const s = filteredAffineSign(w, 1n, toFloatVector(w), 1, x, floatCoordinates(x), stats);
    expect(s).toBe(-1); // 1 − 3 + 1
    expect(stats).toEqual({ signTests: 1, exactFallbacks: 0 });
    // exact zero: 1 − 3 + 2 = 0 cannot be certified in float
    expect(filteredAffineSign(w, 2n, toFloatVector(w), 2, x, floatCoordinates(x), stats)).toBe(0);
    expect(stats).toEqual({ signTests: 2, exactFallbacks: 1 });
  });
  it('sends values that round below the normal range to the exact path', () => {
    const x = reducedIntegerPoint([1n], 2n ** 1100n); // 2^-1100 rounds to 0 in float64
    expect(Number.isNaN(floatCoordinates(x)[0])).toBe(true);
    const w = [2n ** 1100n];
    expect(approxAffineSign(toFloatVector(w), -1, floatCoordinates(x))).toBeUndefined();
    expect(filteredAffineSign(w, -1n, toFloatVector(w), -1, x, floatCoordinates(x))).toBe(0);
  });
});

describe('sumErrorBound', () => {
  it('is (m + 4)·u·Ŝ plus the underflow slack, above γ_{m+2}/(1 − γ_{m+2})·Ŝ', () => {
    for (const m of [1, 2, 10, 1000, 2 ** 20, 2 ** 25 - 1]) {
      const S = 12345.678;
      const g = gamma(m + 2);
      expect(sumErrorBound(m, S)).toBeGreaterThan((g / (1 - g)) * S);
      expect(sumErrorBound(m, S)).toBe((m + 4) * UNIT_ROUNDOFF * S + 1e-300);
    }
    expect(sumErrorBound(2 ** 25, 1)).toBe(Infinity);
  });
});
