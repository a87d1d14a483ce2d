import {
  Float64Field,
  MlgeoError,
  Rational,
  RationalField,
  ShapeError,
  SqrtRational,
  determinant,
  inverse,
} from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncidenceError } from './face-lattice.js';
import {
  affineDimension,
  centroidFromVertices,
  facesFromIncidence,
  minkowskiResidual,
  relativeVolumeFloatFromVertices,
  relativeVolumeFromVertices,
  volumeFromVertices,
} from './measures.js';
import {
  crossPolytope,
  polygon,
  standardSimplex,
  unitCube,
  type TestPolytope,
} from './testing/shapes.js';

const r = (n: number, d = 1): Rational => Rational.of(BigInt(n), BigInt(d));
const fact = (d: number): bigint => (d <= 1 ? 1n : BigInt(d) * fact(d - 1));
const str = (v: readonly { toString(): string }[]): string[] => v.map((x) => x.toString());
const toFloat = (P: TestPolytope) => ({
  vertices: P.vertices.map((v) => v.map((x) => x.toNumber())),
  facetVertices: P.facetVertices,
});

describe('volumes of closed-form polytopes (d = 2..6)', () => {
  for (let d = 2; d <= 6; d++) {
    it(`d = ${d}: cube 1, simplex 1/d!, cross-polytope 2^d/d!`, () => {
      expect(volumeFromVertices(RationalField, unitCube(d)).toString()).toBe('1');
      expect(
        volumeFromVertices(RationalField, standardSimplex(d)).equals(Rational.of(1n, fact(d))),
      ).toBe(true);
      expect(
        volumeFromVertices(RationalField, crossPolytope(d)).equals(
          Rational.of(2n ** BigInt(d), fact(d)),
        ),
      ).toBe(true);
      expect(volumeFromVertices(Float64Field, toFloat(crossPolytope(d)))).toBeCloseTo(
        2 ** d / Number(fact(d)),
        12,
      );
    });
  }

  it('d = 8 cube and cross-polytope (face lattice of 3^8 faces)', () => {
    expect(volumeFromVertices(RationalField, unitCube(8)).toString()).toBe('1');
    expect(volumeFromVertices(RationalField, crossPolytope(8)).toString()).toBe('2/315');
  });

  it('centroids: cube (1/2,…), simplex (1/(d+1),…), cross-polytope 0', () => {
    for (let d = 2; d <= 5; d++) {
      expect(str(centroidFromVertices(RationalField, unitCube(d)))).toEqual(
        new Array(d).fill('1/2'),
      );
      expect(str(centroidFromVertices(RationalField, standardSimplex(d)))).toEqual(
        new Array(d).fill(`1/${d + 1}`),
      );
      expect(str(centroidFromVertices(RationalField, crossPolytope(d)))).toEqual(
        new Array(d).fill('0'),
      );
    }
  });

  it('rows that are not facets (redundant, implicit) are ignored', () => {
    const P = unitCube(3);
    const extra = [
      ...P.facetVertices,
      [0],
      [0, 1],
      [],
      [0, 1, 2, 3, 4, 5, 6, 7],
      P.facetVertices[0]!,
    ];
    const Q = { vertices: P.vertices, facetVertices: extra };
    expect(volumeFromVertices(RationalField, Q).toString()).toBe('1');
    expect(facesFromIncidence(Q, 1)).toHaveLength(6);
    // the duplicated facet is reported under both row indices
    const f0 = facesFromIncidence(Q, 1).find(
      (f) => f.vertices.join() === P.facetVertices[0]!.join(),
    );
    expect(f0!.facets).toEqual([0, extra.length - 1]);
  });
});

describe('relative volumes (SPEC §3)', () => {
  it('a facet of the 3-cross-polytope is an equilateral triangle of side √2: (1/2)√3', () => {
    const faces = facesFromIncidence(crossPolytope(3), 1);
    expect(faces).toHaveLength(8);
    for (const f of faces) {
      expect(f.dimension).toBe(2);
      expect(f.volume.toString()).toBe('1/2*sqrt(3)');
      expect(f.facets).toHaveLength(1);
    }
  });

  it('edges of the cross-polytope have length sqrt(2); vertices have volume 1', () => {
    const C = crossPolytope(4);
    const edges = facesFromIncidence(C, 3);
    expect(edges).toHaveLength(24); // 2d(d−1) edges
    for (const e of edges) expect(e.volume.equals(SqrtRational.sqrt(r(2)))).toBe(true);
    expect(edges[0]!.volume.toString()).toBe('sqrt(2)');
    const verts = facesFromIncidence(C, 4);
    expect(verts).toHaveLength(8);
    for (const v of verts) expect(v.volume.toString()).toBe('1');
    expect(facesFromIncidence(C, 5)).toEqual([]);
    expect(facesFromIncidence(C, 0)[0]!.volume.toString()).toBe('2/3');
  });

  it('faces of cross-polytopes are regular simplices of edge √2: vol = (√2)^n/n!·√((n+1)/2^n)', () => {
    // d = 6: codim 2 gives 2^5·C(6,5) = 192 regular 4-simplices of volume √5/24, codim 3 gives
    // 2^4·C(6,4) = 240 regular tetrahedra of volume 1/3
    const C6 = crossPolytope(6);
    const four = facesFromIncidence(C6, 2);
    expect(four).toHaveLength(192);
    for (const f of four) expect(f.volume.toString()).toBe('1/24*sqrt(5)');
    const tets = facesFromIncidence(C6, 3);
    expect(tets).toHaveLength(240);
    for (const f of tets) expect([f.dimension, f.volume.toString()]).toEqual([3, '1/3']);
    // d = 8: 256 facets of volume √2/2520 and 112 edges of length √2
    const C8 = crossPolytope(8);
    const facets = facesFromIncidence(C8, 1);
    expect(facets).toHaveLength(256);
    for (const f of facets) expect(f.volume.toString()).toBe('1/2520*sqrt(2)');
    const edges = facesFromIncidence(C8, 7);
    expect(edges).toHaveLength(112);
    for (const e of edges) expect(e.volume.toString()).toBe('sqrt(2)');
  });

  it('f-vectors of the 5-cube: binom(5,j)·2^j faces of codimension j', () => {
    const counts = [0, 1, 2, 3, 4, 5].map((j) => facesFromIncidence(unitCube(5), j).length);
    expect(counts).toEqual([1, 10, 40, 80, 80, 32]);
  });

  it('a unit square lifted to the plane z = x + y in R^3 has area sqrt(3)', () => {
    const sq = unitCube(2);
    const lifted = {
      vertices: sq.vertices.map(([x, y]) => [x!, y!, x!.add(y!)]),
      facetVertices: sq.facetVertices,
    };
    expect(volumeFromVertices(RationalField, lifted).toString()).toBe('0');
    expect(relativeVolumeFromVertices(lifted).toString()).toBe('sqrt(3)');
    expect(
      relativeVolumeFloatFromVertices(Float64Field, toFloat(lifted as TestPolytope)),
    ).toBeCloseTo(Math.sqrt(3), 12);
    expect(str(centroidFromVertices(RationalField, lifted))).toEqual(['1/2', '1/2', '1']);
    expect(affineDimension(RationalField, lifted.vertices)).toBe(2);
  });

  it('a point has volume 1 and is its own centroid; a segment has its midpoint', () => {
    const point = { vertices: [[r(1, 3), r(2)]], facetVertices: [] };
    expect(relativeVolumeFromVertices(point).toString()).toBe('1');
    expect(str(centroidFromVertices(RationalField, point))).toEqual(['1/3', '2']);
    const seg = {
      vertices: [
        [r(0), r(0)],
        [r(1), r(2)],
      ],
      facetVertices: [[0], [1], [0, 1]],
    };
    expect(relativeVolumeFromVertices(seg).toString()).toBe('sqrt(5)');
    expect(str(centroidFromVertices(RationalField, seg))).toEqual(['1/2', '1']);
  });
});

describe('float path', () => {
  it('a thin triangle (height 1e-13) keeps its dimension and area in float', () => {
    const thin = {
      vertices: [
        [0, 0],
        [1, 0],
        [0, 1e-13],
      ],
      facetVertices: [
        [0, 1],
        [1, 2],
        [0, 2],
      ],
    };
    expect(affineDimension(Float64Field, thin.vertices)).toBe(2);
    expect(volumeFromVertices(Float64Field, thin)).toBeCloseTo(5e-14, 25);
    const exact = {
      vertices: thin.vertices.map((v) => v.map((x) => Rational.fromDouble(x))),
      facetVertices: thin.facetVertices,
    };
    expect(volumeFromVertices(RationalField, exact).toNumber()).toBe(
      volumeFromVertices(Float64Field, thin),
    );
  });
});

describe('SPEC §9 example B (h1 = x − 1/2, h2 = x + y − 1 on [0,1]²)', () => {
  const h = r(1, 2);
  const cells: Record<string, TestPolytope> = {
    '00': polygon([
      [r(0), r(0)],
      [h, r(0)],
      [h, h],
      [r(0), r(1)],
    ]),
    '01': polygon([
      [r(0), r(1)],
      [h, h],
      [h, r(1)],
    ]),
    '10': polygon([
      [h, r(0)],
      [r(1), r(0)],
      [h, h],
    ]),
    '11': polygon([
      [h, h],
      [r(1), r(0)],
      [r(1), r(1)],
      [h, r(1)],
    ]),
  };
  const areas = { '00': '3/8', '01': '1/8', '10': '1/8', '11': '3/8' };
  const centroids = {
    '00': ['2/9', '7/18'],
    '01': ['1/3', '5/6'],
    '10': ['2/3', '1/6'],
    '11': ['7/9', '11/18'],
  };
  for (const name of Object.keys(cells)) {
    it(`cell ${name}: area and centroid`, () => {
      const P = cells[name]!;
      expect(volumeFromVertices(RationalField, P).toString()).toBe(areas[name as '00']);
      expect(str(centroidFromVertices(RationalField, P))).toEqual(centroids[name as '00']);
      expect(str(minkowskiResidual(P, P.facets))).toEqual(['0', '0']);
    });
  }

  it('shared face 00|01 has length (1/2)√2, 00|10 has 1/2', () => {
    const edges = facesFromIncidence(cells['00']!, 1);
    const key = (f: { vertices: number[] }, P: TestPolytope) =>
      f.vertices
        .map((v) => P.vertices[v]!.join(' '))
        .sort()
        .join(' | ');
    const byKey = new Map(edges.map((e) => [key(e, cells['00']!), e.volume.toString()]));
    expect(byKey.get('0 1 | 1/2 1/2')).toBe('1/2*sqrt(2)');
    expect(byKey.get('1/2 0 | 1/2 1/2')).toBe('1/2');
    const total = Rational.sum(
      Object.values(cells).map((P) => volumeFromVertices(RationalField, P)),
    );
    expect(total.toString()).toBe('1');
  });
});

/** Rational points on the unit circle ((1−t²)/(1+t²), 2t/(1+t²)), in counter-clockwise order. */
const circlePolygon = (ts: number[]): TestPolytope => {
  const sorted = [...new Set(ts)].sort((a, b) => a - b);
  return polygon(
    sorted.map((n) => {
      const t = r(n, 7);
      const den = r(1).add(t.mul(t));
      return [r(1).sub(t.mul(t)).div(den), r(2).mul(t).div(den)];
    }),
  );
};

/** Shoelace area and centroid of a ccw polygon (independent oracle). */
function shoelace(pts: Rational[][]): { area: Rational; centroid: Rational[] } {
  let a2 = Rational.ZERO;
  let cx = Rational.ZERO;
  let cy = Rational.ZERO;
  pts.forEach((p, i) => {
    const q = pts[(i + 1) % pts.length]!;
    const cross = p[0]!.mul(q[1]!).sub(q[0]!.mul(p[1]!));
    a2 = a2.add(cross);
    cx = cx.add(p[0]!.add(q[0]!).mul(cross));
    cy = cy.add(p[1]!.add(q[1]!).mul(cross));
  });
  const six = a2.mul(r(3));
  return { area: a2.div(r(2)), centroid: [cx.div(six), cy.div(six)] };
}

/** The image of a test polytope under x ↦ M x + t (rows a ↦ a M⁻¹, b ↦ b + a M⁻¹ t). */
function affineImage(P: TestPolytope, M: Rational[][], t: Rational[]): TestPolytope {
  const Minv = inverse(RationalField, M);
  const d = t.length;
  const mapPoint = (v: Rational[]) =>
    t.map((ti, i) => v.reduce((s, x, j) => s.add(M[i]![j]!.mul(x)), ti));
  const facets = P.facets.map(({ a, b }) => {
    const a2 = Array.from({ length: d }, (_, j) =>
      a.reduce((s, x, i) => s.add(x.mul(Minv[i]![j]!)), Rational.ZERO),
    );
    return { a: a2, b: b.add(a2.reduce((s, x, j) => s.add(x.mul(t[j]!)), Rational.ZERO)) };
  });
  return { vertices: P.vertices.map(mapPoint), facets, facetVertices: P.facetVertices };
}

const smallInt = fc.integer({ min: -6, max: 6 });
const invertible = (d: number) =>
  fc
    .array(fc.array(smallInt, { minLength: d, maxLength: d }), { minLength: d, maxLength: d })
    .map((m) => m.map((row) => row.map((x) => r(x))))
    .filter((m) => !determinant(RationalField, m).isZero());

describe('properties', () => {
  it('polygons with vertices on the unit circle: area, centroid and Minkowski match shoelace', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 3, maxLength: 12 }),
        (ts) => {
          fc.pre(new Set(ts).size >= 3);
          const P = circlePolygon(ts);
          const oracle = shoelace(P.vertices);
          expect(volumeFromVertices(RationalField, P).equals(oracle.area)).toBe(true);
          expect(str(centroidFromVertices(RationalField, P))).toEqual(str(oracle.centroid));
          expect(minkowskiResidual(P, P.facets).every((x) => x.isZero())).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a prism over a 300-gon with distinct denominators (row-scaled kernel): volume = area', () => {
    const base = circlePolygon(Array.from({ length: 300 }, (_, i) => i - 150));
    const n = base.vertices.length;
    const vertices = [
      ...base.vertices.map((p) => [...p, r(0)]),
      ...base.vertices.map((p) => [...p, r(1)]),
    ];
    const facetVertices = base.facetVertices.map((f) => [...f, ...f.map((v) => v + n)]);
    facetVertices.push(
      base.vertices.map((_, i) => i),
      base.vertices.map((_, i) => i + n),
    );
    const oracle = shoelace(base.vertices);
    const P = { vertices, facetVertices };
    expect(volumeFromVertices(RationalField, P).equals(oracle.area)).toBe(true);
    expect(str(centroidFromVertices(RationalField, P))).toEqual([...str(oracle.centroid), '1/2']);
  });

  it('affine images of cubes and cross-polytopes: volume scales by |det M|, Minkowski holds', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 4 })
          .chain((d) =>
            fc.tuple(
              fc.constant(d),
              invertible(d),
              fc.array(smallInt, { minLength: d, maxLength: d }),
              fc.boolean(),
            ),
          ),
        ([d, M, t, cube]) => {
          const base = cube ? unitCube(d) : crossPolytope(d);
          const P = affineImage(
            base,
            M,
            t.map((x) => r(x, 3)),
          );
          const det = determinant(RationalField, M).abs();
          const expected = (cube ? r(1) : Rational.of(2n ** BigInt(d), fact(d))).mul(det);
          expect(volumeFromVertices(RationalField, P).equals(expected)).toBe(true);
          expect(minkowskiResidual(P, P.facets).every((x) => x.isZero())).toBe(true);
          const fl = volumeFromVertices(Float64Field, toFloat(P));
          expect(Math.abs(fl - expected.toNumber())).toBeLessThanOrEqual(
            1e-9 * expected.toNumber(),
          );
          // the facets' relative volumes add up the way the Minkowski identity says
          for (const f of facesFromIncidence(P, 1)) expect(f.volume.sign()).toBe(1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('sum over facets of vol(F)·n_F (float, from relative volumes) vanishes', () => {
    const P = affineImage(
      crossPolytope(3),
      [
        [r(2), r(1), r(0)],
        [r(0), r(1), r(1)],
        [r(1), r(0), r(3)],
      ],
      [r(0), r(0), r(0)],
    );
    const sum = [0, 0, 0];
    facesFromIncidence(P, 1).forEach((f) => {
      const row = P.facets[f.facets[0]!]!;
      const norm = Math.hypot(...row.a.map((x) => x.toNumber()));
      row.a.forEach((x, j) => (sum[j]! += (f.volume.toNumber() * x.toNumber()) / norm));
    });
    for (const s of sum) expect(Math.abs(s)).toBeLessThan(1e-12);
  });
});

describe('errors', () => {
  it('ragged vertices, bad indices and bad codimensions are typed errors', () => {
    const ragged = { vertices: [[r(0), r(0)], [r(1)]], facetVertices: [] };
    expect(() => volumeFromVertices(RationalField, ragged)).toThrow(ShapeError);
    const badIndex = { vertices: [[r(0)], [r(1)]], facetVertices: [[0], [2]] };
    expect(() => volumeFromVertices(RationalField, badIndex)).toThrow(/facetVertices\[1\]/);
    expect(() => facesFromIncidence(unitCube(2), -1)).toThrow(ShapeError);
    const P = unitCube(2);
    expect(() => minkowskiResidual(P, P.facets.slice(1))).toThrow(ShapeError);
  });

  it('an incidence with a missing facet is reported, not silently summed', () => {
    const P = unitCube(3);
    const broken = {
      vertices: P.vertices,
      facetVertices: P.facetVertices.filter((_, i) => i !== 1),
    };
    expect(() => volumeFromVertices(RationalField, broken)).toThrow(IncidenceError);
    try {
      volumeFromVertices(RationalField, broken);
    } catch (e) {
      expect((e as MlgeoError).code).toBe('INCIDENCE');
      expect((e as MlgeoError).field).toBe('facetVertices');
    }
  });

  it('the empty polytope has volume 0 and no centroid', () => {
    const empty = { vertices: [], facetVertices: [] };
    expect(volumeFromVertices(RationalField, empty).toString()).toBe('0');
    expect(() => centroidFromVertices(RationalField, empty)).toThrow(/EMPTY|empty/);
    expect(() => relativeVolumeFromVertices(empty)).toThrow(MlgeoError);
    expect(facesFromIncidence(empty, 0)).toEqual([]);
  });
});
