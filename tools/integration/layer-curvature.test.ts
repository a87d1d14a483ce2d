/**
 * Issue 14, curvature per layer: `layerCurvature` (@mlgeo/curvature) on the layer-wise complexes
 * of @mlgeo/diff-forms' `layerRefinement`, on SPEC §9 D (2→2→1→1) with one data point in each of
 * its four cells. Closed forms: P_1 (x < 1/2 | x > 1/2, the second unit splits nothing) is two
 * cells with two points each, and two vertices joined by one edge have m_0 = m_1 = (1/2, 1/2), so
 * W_1 = 0 and κ = 1. P_2 is the 4-cycle 010–011–111–110 with equal masses; with unit lengths and
 * unit walk weights, α = 1/2, each walk is 1/2 at home and 1/4 at each neighbour, and on C_4
 * W_1 = α, so κ = 1 − α = 1/2 on every edge.
 */
import { Rational } from '@mlgeo/exact-arith';
import { layerCurvature } from '@mlgeo/curvature';
import { layerRefinement } from '@mlgeo/diff-forms';
import type { ReluMlpModel } from '@mlgeo/model-partitions';
import { describe, expect, it } from 'vitest';

const r = (x: string | number) => Rational.parse(String(x));
const D: ReluMlpModel = {
  kind: 'mlp',
  inputDimension: 2,
  layers: [
    {
      weights: [
        [r(1), r(0)],
        [r(0), r(1)],
      ],
      bias: [r('-1/2'), r('1/4')],
    },
    { weights: [[r(1), r(1)]], bias: [r(-1)] },
    { weights: [[r(1)]], bias: [r('-1/8')] },
  ],
};

describe('curvature per layer on the layer-wise complexes of diff-forms', () => {
  it('SPEC §9 D: κ = 1 on P_1 (two cells), κ = 1/2 on the 4-cycle P_2', () => {
    const points = [
      [0.25, 0.375],
      [0.25, 0.875],
      [0.7, 0.27],
      [0.8, 0.73],
    ];
    const levels = layerRefinement(D, { points });
    expect(levels.map((l) => l.partition.cells.map((c) => c.dataCount))).toEqual([
      [2, 2],
      [1, 1, 1, 1],
    ]);
    const result = layerCurvature(
      levels.map((l) => l.complex({ edgeLength: 'unit' })),
      { mode: 'exact', weights: 'unit' },
    );
    expect(result.map((x) => x.exact!.kappa.map(String))).toEqual([
      ['1'],
      ['1/2', '1/2', '1/2', '1/2'],
    ]);
    expect(result.every((x) => x.exact!.certified === x.kappa.length)).toBe(true);
  });
});
