/**
 * SPEC §9 areas and centroids through @mlgeo/exact-polytope's measures (Polytope.volume /
 * centroid), and the exact volume sum of complete partitions in 3-D. The 2-D versions of these
 * checks also run in enumerate.test.ts and enumerate.property.test.ts with a shoelace oracle.
 */
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import type { ReluMlpModel } from '../models.js';
import { partitionOf } from './enumerate.js';
import { arrangement, specExampleD } from './test-helpers.js';

describe('SPEC §9 measures via Polytope', () => {
  it('B: areas and centroids', () => {
    const p = partitionOf(
      arrangement(2, [
        [[1, 0], '-1/2'],
        [[1, 1], -1],
      ]),
    );
    expect(p.cells.map((c) => c.polytope.volume().toString())).toEqual([
      '3/8',
      '1/8',
      '1/8',
      '3/8',
    ]);
    expect(p.cells.map((c) => c.polytope.centroid().map(String))).toEqual([
      ['2/9', '7/18'],
      ['1/3', '5/6'],
      ['2/3', '1/6'],
      ['7/9', '11/18'],
    ]);
  });
  it('D: areas and centroids', () => {
    const D = specExampleD();
    const p = partitionOf(D);
    expect(p.cells.map((c) => c.polytope.volume().toString())).toEqual([
      '3/8',
      '1/8',
      '1/4',
      '1/4',
    ]);
    expect(p.cells.map((c) => c.polytope.centroid().map(String))).toEqual([
      ['1/4', '3/8'],
      ['1/4', '7/8'],
      ['17/24', '13/48'],
      ['19/24', '35/48'],
    ]);
  });
  it('3-D nets: cell volumes sum to vol(X) exactly, exact and float', () => {
    for (const seed of [1, 2]) {
      const rnd = seededRandom(seed);
      const r = () => Rational.fromFloat32(rnd() * 2 - 1);
      const layer = (n: number, m: number) => ({
        weights: Array.from({ length: m }, () => Array.from({ length: n }, r)),
        bias: Array.from({ length: m }, () => Rational.fromFloat32((rnd() - 0.5) * 0.8)),
      });
      const model: ReluMlpModel = {
        kind: 'mlp',
        inputDimension: 3,
        layers: [layer(3, 5), layer(5, 5), layer(5, 1)],
      };
      for (const predicates of ['exact', 'filtered'] as const) {
        const p = partitionOf(model, { predicates });
        expect(Rational.sum(p.cells.map((c) => c.polytope.volume())).toString()).toBe(
          p.domain.volume().toString(),
        );
      }
    }
  });
});
