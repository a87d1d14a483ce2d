/**
 * Curvature on the volume-free data complex of @mlgeo/riemannian-complex (docs/math.md §4, §8):
 * SPEC §9 A's 4-cycle with 25 points per cell, `unit` lengths and uniform face weights: Ollivier
 * κ = 1/2 on every edge (exact), Forman 0, without any volume.
 */
import { Rational } from '@mlgeo/exact-arith';
import { Polytope, boxHRep } from '@mlgeo/exact-polytope';
import { dataComplex } from '@mlgeo/riemannian-complex';
import { describe, expect, it } from 'vitest';
import { complexForman, complexOllivier } from './complex.js';

describe('the volume-free data complex', () => {
  it('SPEC §9 A: κ = 1/2 on every edge, Forman 0', () => {
    const h = boxHRep([Rational.ZERO, Rational.ZERO], [Rational.ONE, Rational.ONE]);
    const complex = dataComplex(
      {
        dimension: 2,
        domain: Polytope.fromHRep(h.A, h.b),
        cells: ['00', '01', '10', '11'].map((label) => ({ label, dataCount: 25 })),
        edges: [
          [0, 1],
          [1, 3],
          [2, 3],
          [0, 2],
        ],
      },
      { faceWeight: 'mass' },
    );
    const k = complexOllivier(complex, { mode: 'exact' });
    expect(k.exact!.kappa.map(String)).toEqual(['1/2', '1/2', '1/2', '1/2']);
    expect(complexForman(complex).every((x) => Math.abs(x) < 1e-12)).toBe(true);
  });
});
