/**
 * Vertex curvature (SPEC §8): the M_1-weighted mean and the sum of edge curvatures, the angle
 * defect in 2-D from the law of cosines (checked against angles computed from the centroids
 * with atan2), boundary detection, and curvature per layer.
 */
import { Polytope } from '@mlgeo/exact-polytope';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { describe, expect, it } from 'vitest';
import { complexVertexCurvature, layerCurvature, touchesBoundary } from './complex.js';
import { completeGraph } from './graphs.test-helper.js';
import { ollivierCurvature } from './ollivier.js';
import { complexOf, exampleA, exampleC } from './spec-examples.test-helper.js';
import { vertexCurvature } from './vertex.js';

describe('vertex curvature', () => {
  it('weighted mean and sum by hand; null for an isolated vertex', () => {
    const g = {
      vertexCount: 4,
      edges: [
        [0, 1],
        [0, 2],
      ] as [number, number][],
      weights: [1, 3],
    };
    const v = vertexCurvature(g, [0.2, 0.6]);
    expect(v[0]).toBeCloseTo((0.2 * 1 + 0.6 * 3) / 4, 14);
    expect(v[1]).toBeCloseTo(0.2, 14);
    expect(v[3]).toBeNull();
    expect(vertexCurvature(g, [0.2, 0.6], { aggregate: 'sum' })[0]).toBeCloseTo(0.8, 14);
  });

  it('K_5: every vertex carries the edge curvature 5/8 (mean) or 4·5/8 (sum)', () => {
    const g = completeGraph(5);
    const k = ollivierCurvature(g).kappa;
    for (const x of vertexCurvature(g, k)) expect(x).toBeCloseTo(5 / 8, 14);
    for (const x of vertexCurvature(g, k, { aggregate: 'sum' })) expect(x).toBeCloseTo(2.5, 14);
  });

  it('SPEC §9 A: 1/2 at every cell', () => {
    for (const x of complexVertexCurvature(complexOf(exampleA()))) expect(x).toBeCloseTo(0.5, 14);
  });

  it('angle defect, SPEC §9 C: unit lengths give an equilateral triangle, π − π/3 at each cell', () => {
    const c = complexOf(exampleC());
    expect(touchesBoundary(c)).toEqual([true, true, true]);
    for (const x of complexVertexCurvature(c, { method: 'defect' }))
      expect(x).toBeCloseTo((2 * Math.PI) / 3, 14);
    // centroid lengths: the triangle of the centroids (1/4, 1/2), (3/4, 1/4), (3/4, 3/4)
    const P = [
      [0.25, 0.5],
      [0.75, 0.25],
      [0.75, 0.75],
    ];
    const angleAt = (a: number, b: number, c2: number) => {
      const u = [P[b]![0]! - P[a]![0]!, P[b]![1]! - P[a]![1]!];
      const v = [P[c2]![0]! - P[a]![0]!, P[c2]![1]! - P[a]![1]!];
      return Math.abs(Math.atan2(u[0]! * v[1]! - u[1]! * v[0]!, u[0]! * v[0]! + u[1]! * v[1]!));
    };
    const d = complexVertexCurvature(c, { method: 'defect', edgeLength: 'centroid' });
    expect(d[0]).toBeCloseTo(Math.PI - angleAt(0, 1, 2), 12);
    expect(d[1]).toBeCloseTo(Math.PI - angleAt(1, 0, 2), 12);
    expect(d[2]).toBeCloseTo(Math.PI - angleAt(2, 0, 1), 12);
  });

  it('the centre cell of a 3 × 3 grid of [0,1]² does not touch ∂X: defect 2π (no triangles)', () => {
    const cells = [];
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++)
        cells.push({
          label: `${a}${b}`,
          dataCount: 1,
          polytope: Polytope.fromHRep(
            [
              [-1, 0],
              [1, 0],
              [0, -1],
              [0, 1],
            ],
            [`${-a}/3`, `${a + 1}/3`, `${-b}/3`, `${b + 1}/3`],
          ),
        });
    const domain = Polytope.fromHRep(
      [
        [-1, 0],
        [1, 0],
        [0, -1],
        [0, 1],
      ],
      [0, 1, 0, 1],
    );
    const c = buildComplex({ domain, cells, complete: true });
    const boundary = touchesBoundary(c);
    expect(boundary.filter((x) => !x)).toHaveLength(1);
    expect(boundary[4]).toBe(false);
    const d = complexVertexCurvature(c, { method: 'defect' });
    expect(d[4]).toBeCloseTo(2 * Math.PI, 14);
    expect(d[0]).toBeCloseTo(Math.PI, 14);
  });

  it('per layer: one Ollivier result per complex of the sequence', () => {
    const r = layerCurvature([complexOf(exampleA()), complexOf(exampleC())], { mode: 'exact' });
    expect(r.map((x) => x.exact!.kappa.map(String))).toEqual([
      ['1/2', '1/2', '1/2', '1/2'],
      ['3/4', '3/4', '2/3'],
    ]);
  });
});
