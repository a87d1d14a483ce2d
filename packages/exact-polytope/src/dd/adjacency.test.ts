import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Polytope } from '../index.js';
import { bitsToList } from './bitset.js';
import { enumerateCone, type ConeInput } from './cone.js';

/** Rays with their zero sets, as sorted strings (order-independent comparison). */
function canonical(input: ConeInput): string[] {
  const res = enumerateCone(input);
  return res.rays.map((r, i) => `${r.join(',')}|${bitsToList(res.zeroSets[i]!).join(',')}`).sort();
}

/** The dual cone of a point set: rows (1, v), i.e. h·(1, v) ≥ 0 (the V-side's cone). */
function dualOfPoints(points: number[][]): bigint[][] {
  return points.map((p) => [1n, ...p.map(BigInt)]);
}

function cubePoints(d: number): number[][] {
  return Array.from({ length: 2 ** d }, (_, m) =>
    Array.from({ length: d }, (_, i) => (m >> i) & 1),
  );
}

function crossPoints(d: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < d; i++)
    for (const s of [1, -1]) out.push(Array.from({ length: d }, (_, j) => (j === i ? s : 0)));
  return out;
}

/** Δ_a × Δ_b as the points e_i ⊕ e_j in R^(a+1+b+1): dimension a + b, a + b + 2 facets. */
function simplexProduct(a: number, b: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i <= a; i++)
    for (let j = 0; j <= b; j++)
      out.push(Array.from({ length: a + b + 2 }, (_, t) => (t === i || t === a + 1 + j ? 1 : 0)));
  return out;
}

describe('degenerate adjacency (row index of tight rays)', () => {
  it('facet counts of massively degenerate hulls match their known values', () => {
    // every vertex of the cross-polytope lies on half of its 2^d facets; the cube's facets hold
    // 2^(d−1) vertices each; Δ_a × Δ_b has a + b + 2 facets, each holding many vertices
    expect(Polytope.fromVRep(crossPoints(5)).facets()).toHaveLength(32);
    expect(Polytope.fromVRep(cubePoints(5)).facets()).toHaveLength(10);
    const prod = Polytope.fromVRep(simplexProduct(3, 4));
    expect(prod.facets()).toHaveLength(9);
    expect(prod.dimension()).toBe(7);
    // the cube with all its 0/1 points and the centre and edge midpoints: still 2d facets
    const extra = cubePoints(4).concat([
      [0.5, 0.5, 0.5, 0.5],
      [0.5, 0, 0, 0],
      [1, 0.5, 1, 0],
    ]);
    const cube = Polytope.fromVRep(extra);
    expect(cube.facets()).toHaveLength(8);
    expect(cube.vertices()).toHaveLength(16);
  });

  it('collinear points on a facet (regression: a stale witness once dropped a facet)', () => {
    // points 0, 1, 2 are collinear, so their dual rows are dependent; scdd_gmp (cddlib 0.94m,
    // GMP) finds 14 facets, among them x1 + x2 − 2·x3 + x4 ≥ 0 through points 0, 1, 2, 3, 8
    const pts = [
      [0, 1, 1, 1],
      [0, 0, 0, 0],
      [0, 2, 2, 2],
      [2, 0, 1, 0],
      [2, 0, 0, 0],
      [0, 2, 0, 1],
      [2, 1, 1, 0],
      [0, 0, 0, 1],
      [1, 1, 1, 0],
    ];
    const facets = Polytope.fromVRep(pts).facets();
    expect(facets).toHaveLength(14);
    expect(facets.map((f) => `${f.a.map(String).join(',')}<=${f.b}`)).toContain('-1,-1,2,-1<=0');
    const ineq = dualOfPoints(pts);
    const base = { n: 5, ineq, eq: [], mode: 'exact' as const };
    expect(canonical({ ...base, adjacencyTest: 'scan' })).toEqual(
      canonical({ ...base, adjacencyTest: 'index' }),
    );
  });

  it('the cross-polytope from its 2^d inequalities has 2d vertices', () => {
    const d = 6;
    const A: number[][] = [];
    for (let m = 0; m < 2 ** d; m++)
      A.push(Array.from({ length: d }, (_, i) => ((m >> i) & 1 ? -1 : 1)));
    const P = Polytope.fromHRep(A, new Array(A.length).fill(1));
    expect(P.vertices()).toHaveLength(2 * d);
    expect(P.facets()).toHaveLength(2 ** d);
    // each vertex lies on 2^(d−1) facets
    const perVertex = new Array(2 * d).fill(0);
    for (const f of P.incidence()) for (const v of f) perVertex[v]++;
    expect(perVertex.every((c) => c === 2 ** (d - 1))).toBe(true);
  });

  it('index and full scan give identical rays and zero sets (fixed degenerate cones)', () => {
    for (const pts of [cubePoints(4), crossPoints(4), simplexProduct(2, 3), simplexProduct(1, 4)]) {
      const ineq = dualOfPoints(pts);
      const base = { n: ineq[0]!.length, ineq, eq: [], mode: 'exact' as const };
      const viaIndex = canonical({ ...base, adjacencyTest: 'index' });
      expect(viaIndex.length).toBeGreaterThan(0);
      expect(viaIndex).toEqual(canonical({ ...base, adjacencyTest: 'scan' }));
      // and the same answer in every insertion order
      expect(canonical({ ...base, order: 'lexmax' })).toEqual(viaIndex);
    }
  });

  it('index and full scan agree on random 0/1/2 point sets (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((d) =>
          fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: d, maxLength: d }), {
            minLength: d + 1,
            maxLength: 30,
          }),
        ),
        fc.constantFrom('exact' as const, 'float' as const),
        (pts, mode) => {
          const seen = new Set<string>();
          const ineq = dualOfPoints(pts).filter((r) => {
            const key = r.join(',');
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
          const base = { n: ineq[0]!.length, ineq, eq: [], mode };
          expect(canonical({ ...base, adjacencyTest: 'index' })).toEqual(
            canonical({ ...base, adjacencyTest: 'scan' }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
