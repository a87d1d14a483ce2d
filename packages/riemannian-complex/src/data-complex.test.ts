/**
 * The volume-free data complex: its metric by hand (SPEC §4 `mass`, `unit`), the boundary signs
 * (SPEC §4 orientation), and the operators downstream — Δ_0 1 = 0 and β_0 = number of components
 * (laplacian-splines) and SPEC §9 A's Ollivier curvature κ = 1/2 on the 4-cycle with 25 points per
 * cell (curvature), with no volume ever computed.
 */
import { Rational } from '@mlgeo/exact-arith';
import { Polytope, boxHRep } from '@mlgeo/exact-polytope';
import { describe, expect, it } from 'vitest';
import { dataComplex } from './data-complex.js';

const square = (() => {
  const h = boxHRep([Rational.ZERO, Rational.ZERO], [Rational.ONE, Rational.ONE]);
  return Polytope.fromHRep(h.A, h.b);
})();

const cycle = () =>
  dataComplex(
    {
      dimension: 2,
      domain: square,
      cells: ['00', '01', '10', '11'].map((label, i) => ({ label, dataCount: 10 * (i + 1) })),
      edges: [
        [1, 0],
        [0, 2],
        [1, 3],
        [2, 3],
        [3, 2],
      ],
    },
    { faceWeight: 'mass' },
  );

describe('dataComplex', () => {
  it('mass M_0, unit lengths, mass face weights, SPEC §4 boundary signs', () => {
    const c = cycle();
    expect(c.simplices[1]).toEqual([
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(c.fVector).toEqual([4, 4]);
    expect(c.eulerCharacteristic).toBe(0);
    expect(c.metric.M0.map(String)).toEqual(['1/10', '1/5', '3/10', '2/5']);
    // (n_i + n_j) / (2n), n = 100
    expect(c.metric.M1.map(String)).toEqual(['3/20', '1/5', '3/10', '7/20']);
    expect(c.boundaryDense(1)).toEqual([
      [-1, -1, 0, 0],
      [1, 0, -1, 0],
      [0, 1, 0, -1],
      [0, 0, 1, 1],
    ]);
    expect(() => c.cells[0]!.volume).toThrow(/VOLUME_FREE|no volumes/);
    expect(() => c.metricFor('centroid')).toThrow(/centroids or volumes/);
  });

  it('rejects bad edges and empty data', () => {
    expect(() =>
      dataComplex({
        dimension: 2,
        domain: square,
        cells: [{ label: 'a', dataCount: 1 }],
        edges: [[0, 0]],
      }),
    ).toThrow(/distinct/);
    expect(() =>
      dataComplex({
        dimension: 2,
        domain: square,
        cells: [{ label: 'a', dataCount: 0 }],
        edges: [],
      }),
    ).toThrow(/at least one data point/);
  });
});
