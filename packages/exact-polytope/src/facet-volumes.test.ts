/**
 * Polytope.facetVolumes(): (k−1)-volumes of the facets, checked against closed forms (boxes, the
 * standard simplex, lower-dimensional polytopes) and against the Minkowski identity
 * Σ_F vol(F)·n_F = 0 on random polytopes (an oracle that does not use the face volumes' code).
 */
import fc from 'fast-check';
import { SqrtRational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { Polytope, UnboundedError } from './index.js';

/** facet volumes keyed by the facet row `a | b` (facets() order is an implementation detail). */
function byRow(P: Polytope): Map<string, string> {
  const vols = P.facetVolumes();
  return new Map(P.facets().map((f, i) => [`${f.a.join(',')}|${f.b}`, vols[i]!.toString()]));
}

describe('Polytope.facetVolumes', () => {
  it('box [0,2]×[0,3]×[0,5]: each facet has the area of the other two sides', () => {
    const P = Polytope.fromHRep(
      [
        [-1, 0, 0],
        [1, 0, 0],
        [0, -1, 0],
        [0, 1, 0],
        [0, 0, -1],
        [0, 0, 1],
      ],
      [0, 2, 0, 3, 0, 5],
    );
    expect(byRow(P)).toEqual(
      new Map([
        ['-1,0,0|0', '15'],
        ['1,0,0|2', '15'],
        ['0,-1,0|0', '10'],
        ['0,1,0|3', '10'],
        ['0,0,-1|0', '6'],
        ['0,0,1|5', '6'],
      ]),
    );
  });

  it('standard 3-simplex: three right triangles of area 1/2 and one of area √3/2', () => {
    const P = Polytope.fromVRep([
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const vols = P.facetVolumes();
    expect(vols).toHaveLength(4);
    const sorted = vols.map((v) => v.toString()).sort();
    expect(sorted).toEqual(['1/2', '1/2', '1/2', '1/2*sqrt(3)']);
  });

  it('lower-dimensional: a triangle in the plane z = 0 of R^3 has sides 1, 1, √2', () => {
    const P = Polytope.fromVRep([
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(P.dimension()).toBe(2);
    expect(
      P.facetVolumes()
        .map((v) => v.toString())
        .sort(),
    ).toEqual(['1', '1', 'sqrt(2)']);
  });

  it('a segment has two facets (its endpoints) of volume vol_0 = 1', () => {
    const P = Polytope.fromVRep([
      [0, 0],
      [3, 4],
    ]);
    expect(P.facetVolumes().every((v) => v.equals(SqrtRational.ONE))).toBe(true);
    expect(P.facetVolumes()).toHaveLength(2);
  });

  it('empty → []; unbounded → UnboundedError', () => {
    expect(Polytope.fromHRep([[1], [-1]], [0, -1]).facetVolumes()).toEqual([]);
    expect(() => Polytope.fromHRep([[-1, 0]], [0]).facetVolumes()).toThrow(UnboundedError);
  });

  it('Minkowski identity Σ vol(F)·a_F/|a_F| = 0 on random 3-polytopes', () => {
    const pt = fc.tuple(
      fc.integer({ min: -6, max: 6 }),
      fc.integer({ min: -6, max: 6 }),
      fc.integer({ min: -6, max: 6 }),
    );
    fc.assert(
      fc.property(fc.array(pt, { minLength: 5, maxLength: 12 }), (pts) => {
        const P = Polytope.fromVRep(pts);
        fc.pre(P.dimension() === 3);
        const vols = P.facetVolumes();
        const sum = [0, 0, 0];
        P.facets().forEach((f, i) => {
          const a = f.a.map((x) => x.toNumber());
          const norm = Math.hypot(...a);
          for (let k = 0; k < 3; k++) sum[k]! += (vols[i]!.toNumber() * a[k]!) / norm;
        });
        const scale = vols.reduce((s, v) => s + v.toNumber(), 0);
        for (const s of sum) expect(Math.abs(s)).toBeLessThanOrEqual(1e-9 * scale);
        // and the total is positive (every facet of a 3-polytope has positive area)
        expect(vols.every((v) => v.sign() > 0)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
