/**
 * Nested dissection: a permutation of the rows; on planar grids its LDLᵀ work (from the symbolic
 * factorisation) is far below that of the natural row-by-row order (banded: Θ(n²) work for a
 * k × k grid against Θ(n^{3/2}) for dissection); the factor it drives solves exactly.
 */
import { CsrMatrix, Rational, RationalField } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { factorStatistics, ldlFactor } from './ldl.js';
import { inversePermutation, nestedDissection } from './ordering.js';
import { FLOAT64 } from './weighted-complex.js';

function gridLaplacian(k: number, shift: number): CsrMatrix<number> {
  const t: { row: number; col: number; value: number }[] = [];
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++) {
      const v = r * k + c;
      t.push({ row: v, col: v, value: shift });
      for (const u of [c + 1 < k ? v + 1 : -1, r + 1 < k ? v + k : -1]) {
        if (u < 0) continue;
        t.push({ row: v, col: v, value: 1 }, { row: u, col: u, value: 1 });
        t.push({ row: v, col: u, value: -1 }, { row: u, col: v, value: -1 });
      }
    }
  return CsrMatrix.fromTriplets(FLOAT64, k * k, k * k, t);
}

describe('nested dissection', () => {
  it('is a permutation, and beats the natural order by a widening margin on grids', () => {
    for (const k of [20, 40, 60]) {
      const A = gridLaplacian(k, 0.5);
      const perm = nestedDissection(A);
      expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: k * k }, (_, i) => i));
      expect(inversePermutation(perm)[perm[7]!]).toBe(7);
      const nd = factorStatistics(A, perm);
      const natural = factorStatistics(
        A,
        Int32Array.from({ length: k * k }, (_, i) => i),
      );
      // natural order: band k, work ≈ n·k² = k⁴
      expect(natural.flops).toBeGreaterThan(0.8 * k ** 4);
      expect(nd.flops).toBeLessThan(natural.flops / (k / 20));
    }
  });

  it('the exact factor with this ordering solves A x = b exactly', () => {
    const k = 9;
    const A = gridLaplacian(k, 2).map(RationalField, (x) => Rational.fromDouble(x));
    const x = Array.from({ length: k * k }, (_, i) => Rational.of(i % 7, 3));
    const b = A.mulVec(x);
    const solved = ldlFactor(A).solve(b);
    expect(solved.every((v, i) => v.equals(x[i]!))).toBe(true);
  });
});
