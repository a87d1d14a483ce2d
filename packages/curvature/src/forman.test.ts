/**
 * Forman curvature against closed forms derived here and SPEC §9 A and C.
 *
 * - Weighted, all weights 1: F(e) = 1 + 1 − (deg u − 1) − (deg v − 1) = 4 − deg u − deg v.
 * - Augmented, all weights 1: the t 2-simplices on e add t, and the 2t edges sharing one of them
 *   with e stop being parallel: F# = 4 − deg u − deg v + 3t.
 * - Balanced (Topping et al.): K_n has d = n − 1, t = n − 2 and no 4-cycle term:
 *   4/(n−1) − 2 + 3(n−2)/(n−1) = n/(n−1). C_n (n ≥ 5): 2/2 + 2/2 − 2 = 0. C_4: one 4-cycle on each
 *   side through one node (γ_max = 1): 0 + (1 + 1)/(1·2) = 1. Grid, interior edge: d = 4, t = 0,
 *   two 4-cycles on each side, γ_max = 1: 1 − 2 + 4/4 = 0. An edge at a leaf: 0.
 */
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complexForman } from './complex.js';
import { formanCurvature } from './forman.js';
import type { WeightedGraph } from './graph.js';
import { completeGraph, cycle, degrees, grid, randomTree } from './graphs.test-helper.js';
import { complexOf, exampleA, exampleC } from './spec-examples.test-helper.js';

function randomGraph(seed: number): WeightedGraph {
  const r = seededRandom(seed);
  const n = 3 + Math.floor(r() * 20);
  const edges = [...randomTree(n, r).edges] as [number, number][];
  const seen = new Set(edges.map(([i, j]) => `${Math.min(i, j)},${Math.max(i, j)}`));
  for (let t = 0; t < n; t++) {
    const i = Math.floor(r() * n);
    const j = Math.floor(r() * n);
    const key = `${Math.min(i, j)},${Math.max(i, j)}`;
    if (i !== j && !seen.has(key)) {
      seen.add(key);
      edges.push([i, j]);
    }
  }
  return { vertexCount: n, edges };
}

/** All triangles of the graph. */
function graphTriangles(g: WeightedGraph): [number, number, number][] {
  const adj = new Set(g.edges.map(([i, j]) => `${Math.min(i, j)},${Math.max(i, j)}`));
  const has = (i: number, j: number) => adj.has(`${Math.min(i, j)},${Math.max(i, j)}`);
  const out: [number, number, number][] = [];
  for (let a = 0; a < g.vertexCount; a++)
    for (let b = a + 1; b < g.vertexCount; b++)
      for (let c = b + 1; c < g.vertexCount; c++)
        if (has(a, b) && has(a, c) && has(b, c)) out.push([a, b, c]);
  return out;
}

describe('Forman curvature', () => {
  it('unit weights: 4 − deg u − deg v; augmented with all triangles: + 3t', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), (seed) => {
        const g = randomGraph(seed);
        const d = degrees(g);
        const tri = graphTriangles(g);
        const F = formanCurvature(g);
        const A = formanCurvature({ ...g, triangles: tri }, { variant: 'augmented' });
        g.edges.forEach(([u, v], e) => {
          const t = tri.filter((f) => f.includes(u) && f.includes(v)).length;
          expect(F[e]).toBeCloseTo(4 - d[u]! - d[v]!, 12);
          expect(A[e]).toBeCloseTo(4 - d[u]! - d[v]! + 3 * t, 12);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('weights: on the path 0–1–2 with w_01 = 4, w_12 = 1 and vertex weights p', () => {
    // F(01) = p0 + p1 − p1·√(4/1); F(12) = p1 + p2 − p1·√(1/4)
    const g: WeightedGraph = {
      vertexCount: 3,
      edges: [
        [0, 1],
        [1, 2],
      ],
      weights: [4, 1],
      masses: [1, 2, 5],
    };
    const p = [1 / 8, 2 / 8, 5 / 8];
    const F = formanCurvature(g);
    expect(F[0]).toBeCloseTo(p[0]! + p[1]! - 2 * p[1]!, 14);
    expect(F[1]).toBeCloseTo(p[1]! + p[2]! - 0.5 * p[1]!, 14);
    const V = formanCurvature(g, { vertexWeights: [1, 1, 1] });
    expect(V[0]).toBeCloseTo(2 - 2, 14);
  });

  it('SPEC §9 A: 0 on every edge (p = 1/4, M_1 = 1/2)', () => {
    for (const F of complexForman(complexOf(exampleA()))) expect(F).toBeCloseTo(0, 14);
  });

  it('SPEC §9 C: weighted 0; augmented with the T-junction triangle (M_2 = 1): w_u + w_v + w_e²', () => {
    const c = complexOf(exampleC());
    for (const F of complexForman(c)) expect(F).toBeCloseTo(0, 14);
    // p = (1/2, 1/4, 1/4), M_1 (unit) = 1/2: (1,3), (1,4): 1/2 + 1/4 + 1/4; (3,4): 1/4 + 1/4 + 1/4
    const A = complexForman(c, { variant: 'augmented' });
    expect(A[0]).toBeCloseTo(1, 14);
    expect(A[1]).toBeCloseTo(1, 14);
    expect(A[2]).toBeCloseTo(0.75, 14);
    // vertex weights `volume` (1/2, 1/4, 1/4) coincide with the masses here
    complexForman(c, { vertexWeight: 'volume' }).forEach((F) => expect(F).toBeCloseTo(0, 14));
  });

  it('balanced: K_n → n/(n−1), C_n → 0 (n ≥ 5), C_4 → 1, grid interior → 0, leaf edges → 0', () => {
    for (let n = 3; n < 9; n++)
      for (const F of formanCurvature(completeGraph(n), { variant: 'balanced' }))
        expect(F).toBeCloseTo(n / (n - 1), 12);
    for (let n = 5; n < 9; n++)
      for (const F of formanCurvature(cycle(n), { variant: 'balanced' }))
        expect(F).toBeCloseTo(0, 12);
    for (const F of formanCurvature(cycle(4), { variant: 'balanced' }))
      expect(F).toBeCloseTo(1, 12);
    const g = grid(6, 6);
    const d = degrees(g);
    const B = formanCurvature(g, { variant: 'balanced' });
    g.edges.forEach(([i, j], e) => {
      if (d[i] === 4 && d[j] === 4) expect(B[e]).toBeCloseTo(0, 12);
    });
    const t = randomTree(20, seededRandom(3));
    const dt = degrees(t);
    formanCurvature(t, { variant: 'balanced' }).forEach((F, e) => {
      const [i, j] = t.edges[e]!;
      if (Math.min(dt[i]!, dt[j]!) === 1) expect(F).toBe(0);
      else expect(F).toBeCloseTo(2 / dt[i]! + 2 / dt[j]! - 2, 12); // no triangles, no 4-cycles
    });
  });

  it('leaves out edges of weight 0 and rejects unknown variants', () => {
    const g: WeightedGraph = {
      vertexCount: 3,
      edges: [
        [0, 1],
        [1, 2],
      ],
      weights: [Rational.ZERO, 1],
    };
    const F = formanCurvature(g);
    expect(F[0]).toBeNaN();
    expect(F[1]).toBeCloseTo(2, 14); // the edge 0–1 no longer counts
    expect(() => formanCurvature(g, { variant: 'x' as never })).toThrow(/variant/);
  });
});
