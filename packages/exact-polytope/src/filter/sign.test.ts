import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactDotSign, filteredDotSign, toFloatVector, type SignStats } from './sign.js';

const entry = fc.oneof(
  fc.bigInt({ min: -20n, max: 20n }),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
  fc.constantFrom(2n ** 53n + 1n, -(2n ** 1100n), 10n ** 17n + 3n),
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
          const stats: SignStats = { signTests: 0, exactFallbacks: 0 };
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
    const stats: SignStats = { signTests: 0, exactFallbacks: 0 };
    expect(filteredDotSign(g, toFloatVector(g), r, toFloatVector(r), stats)).toBe(0);
    expect(stats.exactFallbacks).toBe(1);
  });
  it('decides small-integer zeros in float (the float sum is exact below 2^53)', () => {
    const stats: SignStats = { signTests: 0, exactFallbacks: 0 };
    const g = [3n, -2n, 1n];
    const r = [2n, 3n, 0n];
    expect(filteredDotSign(g, toFloatVector(g), r, toFloatVector(r), stats)).toBe(0);
    expect(stats.exactFallbacks).toBe(0);
  });
  it('a near-cancellation beyond float precision is not decided in float', () => {
    // (2^60 + 1)·1 − 2^60·1 = 1, but both products round to 2^60 in float64
    const g = [2n ** 60n + 1n, -(2n ** 60n)];
    const r = [1n, 1n];
    const stats: SignStats = { signTests: 0, exactFallbacks: 0 };
    expect(filteredDotSign(g, toFloatVector(g), r, toFloatVector(r), stats)).toBe(1);
    expect(stats.exactFallbacks).toBe(1);
  });
});
