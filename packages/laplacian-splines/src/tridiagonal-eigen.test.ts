/**
 * The tridiagonal QR iteration against independent oracles: the closed-form spectrum of the path
 * graph Laplacian-like matrix tridiag(−1, 2, −1) (λ_k = 2 − 2 cos(kπ/(m+1))), and on random
 * tridiagonals (fast-check) the residuals ‖T v − λ v‖, orthonormality, and the dense Jacobi method.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './dense-eigen.js';
import { symmetricTridiagonalEigen } from './tridiagonal-eigen.js';

describe('symmetric tridiagonal eigen-decomposition', () => {
  it('gives the closed-form spectrum of tridiag(−1, 2, −1)', () => {
    for (const m of [1, 2, 5, 40]) {
      const { values } = symmetricTridiagonalEigen(
        new Array(m).fill(2),
        new Array(Math.max(m - 1, 0)).fill(-1),
      );
      const exact = Array.from(
        { length: m },
        (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (m + 1)),
      );
      values.forEach((v, k) => expect(Math.abs(v - exact[k]!)).toBeLessThan(1e-13));
    }
  });

  it('has small residuals, orthonormal vectors, and agrees with Jacobi (random tridiagonals)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 29, maxLength: 29 }),
        (diag, offAll) => {
          const m = diag.length;
          const off = offAll.slice(0, m - 1);
          const { values, vectors } = symmetricTridiagonalEigen(diag, off);
          const scale = Math.max(1, ...diag.map(Math.abs), ...off.map(Math.abs));
          for (let r = 0; r < m; r++) {
            const v = vectors[r]!;
            for (let i = 0; i < m; i++) {
              let tv = diag[i]! * v[i]!;
              if (i > 0) tv += off[i - 1]! * v[i - 1]!;
              if (i < m - 1) tv += off[i]! * v[i + 1]!;
              expect(Math.abs(tv - values[r]! * v[i]!)).toBeLessThan(1e-12 * scale);
            }
            for (let q = 0; q < m; q++) {
              let dot = 0;
              for (let i = 0; i < m; i++) dot += v[i]! * vectors[q]![i]!;
              expect(Math.abs(dot - (q === r ? 1 : 0))).toBeLessThan(1e-12);
            }
          }
          const dense = Array.from({ length: m }, (_, i) => {
            const row = new Float64Array(m);
            row[i] = diag[i]!;
            if (i > 0) row[i - 1] = off[i - 1]!;
            if (i < m - 1) row[i + 1] = off[i]!;
            return row;
          });
          const jacobi = symmetricEigen(dense).values;
          values.forEach((v, k) => expect(Math.abs(v - jacobi[k]!)).toBeLessThan(1e-12 * scale));
        },
      ),
      {
        numRuns: 200,
        // sub-normal entries (found by fast-check once)
        examples: [
          [
            [5e-324, 0],
            [-5e-324, ...new Array<number>(28).fill(0)],
          ],
          [
            [5e-324, 0],
            [5e-324, ...new Array<number>(28).fill(0)],
          ],
        ],
      },
    );
  });
});
