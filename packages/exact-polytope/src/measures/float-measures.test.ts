/**
 * Certified float measures (float-measures.ts): thin, tiny and far-off cells against closed forms
 * (affine images of the cube, simplex and cross-polytope: vol = |det A|·vol(P), centroid =
 * A·c(P) + t), and the two failures of issue 10 (a centroid of a 1e-13-thin cell rounded to 0; a
 * sliver whose vertices round to the same double).
 */
import { Float64Field, Rational, RationalField, determinant } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Polytope } from '../polytope.js';
import { FLOAT_CENTROID_SCALE_TOLERANCE, FLOAT_MEASURE_TOLERANCE } from './float-measures.js';
import { centroidFromVertices, floatMeasuresFromVertices } from './measures.js';
import {
  crossPolytope,
  polygon,
  standardSimplex,
  unitCube,
  type TestPolytope,
} from './testing/shapes.js';

const q = (s: string): Rational => Rational.parse(s);

/** |x̂ − x| ≤ tol·|x|. */
function closeRelative(approx: number, exact: Rational, tol: number): boolean {
  return Math.abs(approx - exact.toNumber()) <= tol * Math.abs(exact.toNumber());
}

/** The documented centroid accuracy: tol·|c_j|, or 1e-13·max_v|v_j| when c_j is near 0. */
function closeCentroid(approx: number[], exact: Rational[], vertices: Rational[][]): boolean {
  return exact.every((c, j) => {
    const scale = Math.max(...vertices.map((v) => Math.abs(v[j]!.toNumber())));
    const err = Math.abs(approx[j]! - c.toNumber());
    return (
      err <= 1e-9 * Math.abs(c.toNumber()) || err <= 10 * FLOAT_CENTROID_SCALE_TOLERANCE * scale
    );
  });
}

describe('issue 10 reproducers', () => {
  it('the centroid of the 1e-13-thin cell [0,1]×[0,1e-13] is (1/2, 5e-14), not 0', () => {
    const P = Polytope.fromHRep(
      [
        ['-1', '0'],
        ['0', '-1'],
        ['1', '0'],
        ['0', '10000000000000'],
      ],
      ['0', '0', '1', '1'],
    );
    const c = P.centroid({ measures: 'float' });
    expect(Math.abs(c[0]! - 0.5)).toBeLessThanOrEqual(1e-9 * 0.5);
    expect(Math.abs(c[1]! - 5e-14)).toBeLessThanOrEqual(1e-9 * 5e-14);
    expect(Math.abs(P.volume({ measures: 'float' }) - 1e-13)).toBeLessThanOrEqual(1e-9 * 1e-13);
    expect(P.stats.floatMeasureFallbacks).toBe(0);
  });

  it('the generic float path (Float64Field) keeps the thin cell off 0 too', () => {
    const input = {
      vertices: [
        [0, 0],
        [1, 0],
        [1, 1e-13],
        [0, 1e-13],
      ],
      facetVertices: [
        [0, 1],
        [1, 2],
        [2, 3],
        [0, 3],
      ],
    };
    const c = centroidFromVertices(Float64Field, input);
    expect(Math.abs(c[1]! - 5e-14)).toBeLessThanOrEqual(1e-9 * 5e-14);
  });

  it('a sliver cell of the issue-10 network (vertices round together): exact sliver simplices', () => {
    // cell "10" of {"format":"mlgeo-mlp", …} in issue 10, finding 5 (its irredundant H-rep)
    const P = Polytope.fromHRep(
      [
        ['-1', '0'],
        ['0', '1'],
        ['-23643214571716304', '26464526581496164'],
        ['4433102732196807', '-4962098734030531'],
      ],
      ['0', '1', '7569574258471931', '-1419295173463487'],
    );
    const volume = P.volume({ measures: 'float' });
    const c = P.centroid({ measures: 'float' });
    expect(closeRelative(volume, P.volume(), 1e-9)).toBe(true);
    expect(closeCentroid(c, P.centroid(), P.vertices())).toBe(true);
    expect(P.stats.floatMeasureFallbacks).toBe(0);
  });

  it('a pentagon with two vertices that round to the same double: its sliver simplex exactly', () => {
    const t = Rational.of(1n, 2n ** 60n);
    const one = Rational.ONE;
    const P = polygon([
      [Rational.ZERO, Rational.ZERO],
      [one, Rational.ZERO],
      [one, one],
      [one.sub(t), one.add(t)],
      [Rational.ZERO, one],
    ]);
    expect(P.vertices[2]!.map((x) => x.toNumber())).toEqual(
      P.vertices[3]!.map((x) => x.toNumber()),
    );
    const m = floatMeasuresFromVertices(P, { centroid: true });
    expect(m.exactFallback).toBe(false);
    // closed form: unit square plus the triangle (1,1), (1−t, 1+t), (0,1) of area t/2
    const area = one.add(t.div(Rational.of(2n)));
    expect(closeRelative(m.relativeVolume, area, 1e-15)).toBe(true);
    const exact = centroidFromVertices(RationalField, P);
    expect(closeCentroid(m.centroid!, exact, P.vertices)).toBe(true);
  });

  it('a triangle whose one pivot is certified but inaccurate: the whole cell exactly', () => {
    // edge rows (1, 1) and (1, 1 + 2^-48): the second pivot 2^-48 is known to a few ulps of 1 only
    const t = Rational.of(1n, 2n ** 48n);
    const one = Rational.ONE;
    const P = polygon([
      [Rational.ZERO, Rational.ZERO],
      [one, one],
      [one, one.add(t)],
    ]);
    const m = floatMeasuresFromVertices(P, { centroid: true });
    expect(m.exactFallback).toBe(true);
    expect(m.relativeVolume).toBe(t.div(Rational.of(2n)).toNumber());
    // centroid of a triangle: the mean of its vertices
    const mean = [0, 1].map((j) =>
      P.vertices.reduce((acc, v) => acc.add(v[j]!), Rational.ZERO).div(Rational.of(3n)),
    );
    expect(m.centroid).toEqual(mean.map((x) => x.toNumber()));
  });
});

/** x ↦ A x + t applied to every vertex (an affine bijection keeps the incidence). */
function mapped(P: TestPolytope, A: Rational[][], t: Rational[]): Rational[][] {
  return P.vertices.map((v) =>
    A.map((row, i) => row.reduce((s, a, j) => s.add(a.mul(v[j]!)), t[i]!)),
  );
}

const shapes: {
  name: string;
  make: (d: number) => TestPolytope;
  volume: (d: number) => Rational;
  centroid: (d: number) => Rational;
}[] = [
  { name: 'cube', make: unitCube, volume: () => Rational.ONE, centroid: () => q('1/2') },
  {
    name: 'simplex',
    make: standardSimplex,
    volume: (d) => Rational.of(1n, BigInt([1, 1, 2, 6, 24][d]!)),
    centroid: (d) => Rational.of(1n, BigInt(d + 1)),
  },
  {
    name: 'cross-polytope',
    make: crossPolytope,
    volume: (d) => Rational.of(2n ** BigInt(d), BigInt([1, 1, 2, 6, 24][d]!)),
    centroid: () => Rational.ZERO,
  },
];

/** A rational 2^-e·(n/2^20) with a random sign: magnitudes from 2^-60 to 2^20. */
const scaledRational = fc
  .tuple(fc.integer({ min: -(2 ** 20), max: 2 ** 20 }), fc.integer({ min: 0, max: 60 }))
  .map(([n, e]) => Rational.of(BigInt(n), 2n ** BigInt(20 + e)));

describe('certified float measures against closed forms', () => {
  it('thin, tiny and far-off affine images of the cube, simplex and cross-polytope', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: shapes.length - 1 }),
        fc.integer({ min: 2, max: 4 }),
        fc.array(scaledRational, { minLength: 16, maxLength: 16 }),
        fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 50 }),
        (s, d, entries, offsets, thin) => {
          const shape = shapes[s]!;
          const P = shape.make(d);
          // A: random entries, the first row shrunk by 2^-thin (a thin image)
          const A = Array.from({ length: d }, (_, i) =>
            Array.from({ length: d }, (_, j) =>
              i === 0
                ? entries[i * 4 + j]!.div(Rational.of(2n ** BigInt(thin)))
                : entries[i * 4 + j]!,
            ),
          );
          const det = determinant(RationalField, A);
          fc.pre(!det.isZero());
          const t = offsets.slice(0, d).map((o) => Rational.of(BigInt(o), 3n));
          const vertices = mapped(P, A, t);
          const m = floatMeasuresFromVertices(
            { vertices, facetVertices: P.facetVertices },
            { centroid: true },
          );
          const volume = det.abs().mul(shape.volume(d));
          const c0 = shape.centroid(d);
          const centroid = A.map((row, i) => row.reduce((acc, a) => acc.add(a.mul(c0)), t[i]!));
          expect(m.dimension).toBe(d);
          expect(closeRelative(m.relativeVolume, volume, FLOAT_MEASURE_TOLERANCE * 1.01)).toBe(
            true,
          );
          expect(closeCentroid(m.centroid!, centroid, vertices)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('certifies (no fallback) a well-shaped cell 1e-12 wide at offset 1e6', () => {
    const P = unitCube(3);
    const A = [
      [q('1/1000000000000'), Rational.ZERO, Rational.ZERO],
      [Rational.ZERO, q('1/1000000000000'), Rational.ZERO],
      [Rational.ZERO, Rational.ZERO, q('1/1000000000000')],
    ];
    const t = [q('1000000'), q('-1000000/3'), q('7')];
    const vertices = mapped(P, A, t);
    const m = floatMeasuresFromVertices(
      { vertices, facetVertices: P.facetVertices },
      { centroid: true },
    );
    expect(m.exactFallback).toBe(false);
    expect(
      closeRelative(m.relativeVolume, q('1/1000000000000000000000000000000000000'), 1e-12),
    ).toBe(true);
  });

  it('a face (an edge of the square) gets its length and midpoint', () => {
    const P = unitCube(2);
    const m = floatMeasuresFromVertices(P, { face: P.facetVertices[0]!, centroid: true });
    expect(m.dimension).toBe(1);
    expect(m.relativeVolume).toBe(1);
    expect(m.centroid).toEqual([0, 0.5]);
  });
});
