/**
 * Regression test on real float-weight ReLU MLP partitions (issue 3, performance work): float32
 * weights converted exactly to rationals (denominators like 2^30…2^55) give cells whose vertices
 * and centroids have long numerators and denominators, where the fast integer paths (2-D shoelace
 * on integers, cached radicand normal forms, products of normal forms, exact sines from the facet
 * normals, Lehmer gcd) do their work. Exactness is checked by invariants and independent oracles:
 * `verify` (volume sum, exact angle sums 2π/π, Minkowski, shared-face areas, B_k B_{k+1} = 0),
 * exact-polytope's own volume and centroid, Polytope.intersect for the shared faces, and a plain
 * Rational recomputation of the centroid distances and cosines.
 */
import { Rational, SqrtRational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { buildComplex, readPartition } from './complex.js';
import { findSharedFaces } from './shared-faces.js';
import { facetPolygon, orderPolygon } from './convex-clip.js';
import { verify } from './verify.js';
import { mlpPartition, randomLayers } from './mlp.test-helper.js';
import type { PartitionLike } from './types.js';

function checkExactly(partition: PartitionLike): void {
  const c = buildComplex(partition);
  const d = c.dimension;
  for (const r of verify(c)) expect(r.ok, `${r.name}: ${r.detail}`).toBe(true);
  // cell measures against exact-polytope's own volume and centroid
  for (const cell of c.cells) {
    expect(cell.volume.equals(cell.polytope.volume())).toBe(true);
    const ref = cell.polytope.centroid();
    cell.centroid.forEach((x, k) => expect(x.equals(ref[k]!)).toBe(true));
  }
  // shared faces against Polytope.intersect (exact, generic d)
  const { geometry } = readPartition(partition);
  const generic = findSharedFaces(geometry, d, { generic: true });
  expect(generic.map((f) => `${f.i},${f.j}`)).toEqual(c.sharedFaces.map((f) => `${f.i},${f.j}`));
  generic.forEach((f, s) => expect(f.volume.equals(c.sharedFaces[s]!.volume)).toBe(true));
  // centroid lengths: ℓ² = Σ (c_i − c_j)² in plain Rational arithmetic; M_1 = area / ℓ
  const m = c.metric;
  c.simplices[1]!.forEach(([i, j], e) => {
    const ci = c.cells[i!]!.centroid;
    const cj = c.cells[j!]!.centroid;
    const l2 = ci.reduce((s, x, k) => s.add(x.sub(cj[k]!).mul(x.sub(cj[k]!))), Rational.ZERO);
    const len = m.edgeLengths[e] as SqrtRational;
    expect(len.squared().equals(l2) && len.sign() > 0).toBe(true);
    const area = c.intersections[1]![e]!.volume;
    expect((m.M1[e] as SqrtRational).mul(len).equals(area)).toBe(true);
  });
  // cosines: cos² = (a·b)²/(|a|²|b|²) with the sign of −a·b, from the facet rows
  for (const r of c.ridges!)
    for (const a of r.angles.filter((x) => x.kind === 'ridge')) {
      const F = c.cells[a.cell]!.polytope.facets();
      const [fa, fb] = [F[a.facets[0]!]!.a, F[a.facets[1]!]!.a];
      const dot = fa.reduce((s, x, k) => s.add(x.mul(fb[k]!)), Rational.ZERO);
      const n = (v: Rational[]) => v.reduce((s, x) => s.add(x.mul(x)), Rational.ZERO);
      expect(a.cos.squared().equals(dot.mul(dot).div(n(fa).mul(n(fb))))).toBe(true);
      expect(a.cos.sign() + dot.sign()).toBe(0);
    }
}

describe('real float-weight MLP partitions (exact results checked by invariants)', () => {
  it('2→6→5→1 on [−1,1]²: checks, exact-polytope measures, generic shared faces', () => {
    const partition = mlpPartition(randomLayers([2, 6, 5, 1], 3), -1, 1);
    expect(partition.cells.length).toBeGreaterThan(25);
    checkExactly(partition);
  });

  it('3→4→3→1 on [−1,1]³: the same in 3-D; facet cycles from incidence = angular sort', () => {
    const partition = mlpPartition(randomLayers([3, 4, 3, 1], 5), -1, 1);
    expect(partition.cells.length).toBeGreaterThan(10);
    checkExactly(partition);
    const key = (poly: Rational[][]) => poly.map((p) => p.join(' ')).join(' | ');
    for (const cell of readPartition(partition).geometry)
      cell.facets.forEach((F, f) =>
        expect(key(facetPolygon(cell, f))).toBe(
          key(
            orderPolygon(
              F.vertices.map((v) => cell.vertices[v]!),
              F.ints.slice(0, 3),
            ),
          ),
        ),
      );
  });
});
