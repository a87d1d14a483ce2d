/**
 * Laplacians on the volume-free data complex of @mlgeo/riemannian-complex (docs/math.md §4, §7): the
 * 4-cycle of SPEC §9 A with M_0 = `mass` (1/4 each, 25 points per cell) and `unit` face weights gives
 * Δ_0 = 4·L(C_4), eigenvalues {0, 8, 8, 16}, exactly rational weights and no volume.
 */
import { Rational } from '@mlgeo/exact-arith';
import { Polytope, boxHRep } from '@mlgeo/exact-polytope';
import { dataComplex } from '@mlgeo/riemannian-complex';
import { describe, expect, it } from 'vitest';
import { fromRiemannianComplex, isExactComplex } from './weighted-complex.js';
import { laplacianSpectrum } from './spectrum.js';

describe('the volume-free data complex', () => {
  it('SPEC §9 A 4-cycle with mass M_0 and unit faces: eigenvalues {0, 8, 8, 16}', () => {
    const h = boxHRep([Rational.ZERO, Rational.ZERO], [Rational.ONE, Rational.ONE]);
    const complex = dataComplex({
      dimension: 2,
      domain: Polytope.fromHRep(h.A, h.b),
      cells: ['00', '01', '10', '11'].map((label) => ({ label, dataCount: 25 })),
      edges: [
        [0, 1],
        [1, 3],
        [3, 2],
        [2, 0],
      ],
    });
    const w = fromRiemannianComplex(complex);
    expect(isExactComplex(w)).toBe(true);
    const ev = laplacianSpectrum(w).pairs.map((p) => p.value);
    [0, 8, 8, 16].forEach((x, i) => expect(ev[i]).toBeCloseTo(x, 9));
  });
});
