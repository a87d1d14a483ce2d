/**
 * Measures on polytopes built by the Polytope class (H-representation → exact vertices and
 * incidence by double description), checked against invariants: additivity under a hyperplane
 * cut, the Minkowski identity, float/exact agreement and SPEC §9 example B.
 */
import { Float64Field, Rational, RationalField } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Polytope } from '../polytope.js';
import {
  affineDimension,
  centroidFromVertices,
  facesFromIncidence,
  minkowskiResidual,
  relativeVolumeFromVertices,
  volumeFromVertices,
} from './measures.js';

const data = (P: Polytope) => ({ vertices: P.vertices(), facetVertices: P.incidence() });
const vol = (P: Polytope): Rational =>
  P.isEmpty() ? Rational.ZERO : volumeFromVertices(RationalField, data(P));

/** Box [−2, 2]^d cut by extra random rows a·x ≤ b with small integer data (always bounded). */
const randomPolytope = fc.integer({ min: 2, max: 4 }).chain((d) =>
  fc.record({
    d: fc.constant(d),
    rows: fc.array(
      fc.record({
        a: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: d, maxLength: d }),
        b: fc.integer({ min: 1, max: 6 }),
      }),
      { minLength: 0, maxLength: 2 * d },
    ),
    cut: fc.record({
      a: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }),
      b: fc.integer({ min: -2, max: 2 }),
    }),
  }),
);

function boxed(d: number, rows: { a: number[]; b: number }[]) {
  const A: number[][] = [];
  const b: number[] = [];
  for (let j = 0; j < d; j++) {
    for (const s of [1, -1]) {
      A.push(Array.from({ length: d }, (_, k) => (k === j ? s : 0)));
      b.push(2);
    }
  }
  for (const r of rows) {
    A.push(r.a);
    b.push(r.b);
  }
  return { A, b };
}

describe('measures through Polytope', () => {
  it('volume and centroid moments are additive when a polytope is cut by a hyperplane', () => {
    fc.assert(
      fc.property(randomPolytope, ({ d, rows, cut }) => {
        fc.pre(cut.a.some((x) => x !== 0));
        const { A, b } = boxed(d, rows);
        const P = Polytope.fromHRep(A, b);
        const lower = Polytope.fromHRep([...A, cut.a], [...b, cut.b]);
        const upper = Polytope.fromHRep([...A, cut.a.map((x) => -x)], [...b, -cut.b]);
        const total = vol(P);
        expect(vol(lower).add(vol(upper)).equals(total)).toBe(true);
        // first moments: vol·centroid is additive too
        const moment = (Q: Polytope): Rational[] => {
          const v = vol(Q);
          if (v.isZero()) return new Array(d).fill(Rational.ZERO);
          return centroidFromVertices(RationalField, data(Q)).map((c) => c.mul(v));
        };
        const sum = moment(lower).map((x, j) => x.add(moment(upper)[j]!));
        expect(sum.map(String)).toEqual(moment(P).map(String));
      }),
      { numRuns: 40 },
    );
  });

  it('Minkowski identity Σ vol(F)·n_F = 0 and float/exact agreement on random polytopes', () => {
    fc.assert(
      fc.property(randomPolytope, ({ d, rows }) => {
        const { A, b } = boxed(d, rows);
        const P = Polytope.fromHRep(A, b);
        fc.pre(P.dimension() === d);
        const residual = minkowskiResidual(data(P), P.facets());
        expect(residual.every((x) => x.isZero())).toBe(true);
        const exact = vol(P).toNumber();
        const float = volumeFromVertices(Float64Field, {
          vertices: P.vertices().map((v) => v.map((x) => x.toNumber())),
          facetVertices: P.incidence(),
        });
        expect(Math.abs(float - exact)).toBeLessThanOrEqual(1e-9 * exact);
        expect(affineDimension(RationalField, P.vertices())).toBe(P.dimension());
      }),
      { numRuns: 40 },
    );
  });

  it('SPEC §9 example B, cell 00 from its H-representation (with a redundant row)', () => {
    const P = Polytope.fromHRep(
      [
        [1, 0],
        [1, 1],
        [-1, 0],
        [0, -1],
        [0, 1],
      ],
      ['1/2', 1, 0, 0, 1],
    );
    expect(vol(P).toString()).toBe('3/8');
    expect(centroidFromVertices(RationalField, data(P)).map(String)).toEqual(['2/9', '7/18']);
    const edges = facesFromIncidence(data(P), 1).map((f) => f.volume.toString());
    expect(edges.sort()).toEqual(['1', '1/2', '1/2', '1/2*sqrt(2)']);
  });

  it('a triangle in the plane x + y + z = 1 has relative area (1/2)√3', () => {
    const P = Polytope.fromHRep(
      [
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ],
      [0, 0, 0],
      { equalities: { A: [[1, 1, 1]], b: [1] } },
    );
    expect(P.dimension()).toBe(2);
    expect(vol(P).toString()).toBe('0');
    expect(relativeVolumeFromVertices(data(P)).toString()).toBe('1/2*sqrt(3)');
    expect(centroidFromVertices(RationalField, data(P)).map(String)).toEqual(['1/3', '1/3', '1/3']);
    const edges = facesFromIncidence(data(P), 1);
    expect(edges.map((e) => e.volume.toString())).toEqual(['sqrt(2)', 'sqrt(2)', 'sqrt(2)']);
  });

  it('f-vector of the 4-cube from its H-representation', () => {
    const { A, b } = boxed(4, []);
    const P = Polytope.fromHRep(A, b);
    const f = [4, 3, 2, 1, 0].map((codim) => facesFromIncidence(data(P), codim).length);
    expect(f).toEqual([16, 32, 24, 8, 1]);
    expect(vol(P).toString()).toBe('256');
  });
});
