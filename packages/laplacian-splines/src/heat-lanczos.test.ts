/**
 * The heat filter above the dense size limit (Lanczos in the M_0 inner product) against the
 * eigen-expansion Σ e^{−tλ_i} v_i v_iᵀ M_0 f from the dense generalized eigendecomposition.
 */
import { CsrMatrix, seededRandom } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { heatFilter } from './filters.js';
import { generalizedSpectrum } from './spectrum.js';
import { FLOAT64, weightedComplex } from './weighted-complex.js';

describe('heat filter by Lanczos', () => {
  it('agrees with the dense eigen-expansion on a 21 × 20 grid with random weights', () => {
    const rows = 21;
    const cols = 20;
    const n = rows * cols;
    const rand = seededRandom(7);
    const t: { row: number; col: number; value: number }[] = [];
    let e = 0;
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const v = r * cols + c;
        for (const u of [c + 1 < cols ? v + 1 : -1, r + 1 < rows ? v + cols : -1]) {
          if (u < 0) continue;
          t.push({ row: v, col: e, value: -1 }, { row: u, col: e, value: 1 });
          e++;
        }
      }
    const B1 = CsrMatrix.fromTriplets(FLOAT64, n, e, t);
    const M0 = Array.from({ length: n }, () => 0.5 + rand());
    const M1 = Array.from({ length: e }, () => 0.5 + rand());
    const c = weightedComplex(FLOAT64, [B1], [M0, M1]);
    const f = Array.from({ length: n }, () => rand() - 0.5);
    const K = B1.congruenceByDiagonal(M1);
    const M = Float64Array.from(M0);
    const { pairs } = generalizedSpectrum(K, M, { method: 'dense' });
    for (const time of [0.05, 1]) {
      const expected = new Float64Array(n);
      for (const p of pairs) {
        let s = 0;
        for (let i = 0; i < n; i++) s += p.vector[i]! * M[i]! * f[i]!;
        const w = Math.exp(-time * p.value) * s;
        for (let i = 0; i < n; i++) expected[i]! += w * p.vector[i]!;
      }
      const got = heatFilter(c, f, time);
      got.forEach((x, i) => expect(Math.abs(x - expected[i]!)).toBeLessThan(1e-9));
    }
  });
});
