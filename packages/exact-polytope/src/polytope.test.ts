import { NonFiniteNumberError, Rational, ShapeError } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { DimensionMismatchError, EmptyPolytopeError, Polytope, UnboundedError } from './index.js';

const q = (x: string | number) => Rational.from(x);
const str = (vs: Rational[][]) => vs.map((v) => v.map(String).join(','));
const facetStr = (p: Polytope) =>
  p
    .facets()
    .map((f) => `${f.a.map(String).join(',')}<=${f.b}`)
    .sort();

/** Unit box [0,1]^d as A x ≤ b. */
function cube(d: number): { A: number[][]; b: number[] } {
  const A: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < d; i++) {
    const e = new Array<number>(d).fill(0);
    e[i] = 1;
    A.push(
      e,
      e.map((x) => -x),
    );
    b.push(1, 0);
  }
  return { A, b };
}

/** Standard simplex {x ≥ 0, Σ x ≤ 1}. */
function simplex(d: number): { A: number[][]; b: number[] } {
  const A: number[][] = [];
  for (let i = 0; i < d; i++) {
    const e = new Array<number>(d).fill(0);
    e[i] = -1;
    A.push(e);
  }
  A.push(new Array<number>(d).fill(1));
  return { A, b: [...new Array<number>(d).fill(0), 1] };
}

/** Cross-polytope {Σ ±x_i ≤ 1}: all 2^d sign vectors. */
function cross(d: number): { A: number[][]; b: number[] } {
  const A: number[][] = [];
  for (let mask = 0; mask < 1 << d; mask++)
    A.push(Array.from({ length: d }, (_, i) => ((mask >> i) & 1 ? -1 : 1)));
  return { A, b: new Array<number>(A.length).fill(1) };
}

const box2 = cube(2);

describe('SPEC §9 example B cells (h1 = x − 1/2, h2 = x + y − 1 on [0,1]²)', () => {
  // cell bit s_j = 1 iff h_j > 0; closed cell: (2 s_j − 1) h_j ≥ 0, i.e. (1 − 2 s_j) (w·x) ≤ (2 s_j − 1) c
  const cell = (s1: number, s2: number) =>
    Polytope.fromHRep(
      [...box2.A, [1 - 2 * s1, 0], [1 - 2 * s2, 1 - 2 * s2]],
      [...box2.b, (1 - 2 * s1) * 0.5, 1 - 2 * s2],
    );
  it('cell 00 is the quadrilateral (0,0),(0,1),(1/2,0),(1/2,1/2)', () => {
    const p = cell(0, 0);
    expect(str(p.vertices())).toEqual(['0,0', '0,1', '1/2,0', '1/2,1/2']);
    expect(facetStr(p)).toEqual(['-1,0<=0', '0,-1<=0', '1,1<=1', '2,0<=1'].sort());
    expect(p.dimension()).toBe(2);
    expect(p.isBounded()).toBe(true);
  });
  it('cell 01 is the triangle (0,1),(1/2,1/2),(1/2,1)', () => {
    expect(str(cell(0, 1).vertices())).toEqual(['0,1', '1/2,1/2', '1/2,1']);
  });
  it('cell 10 is the triangle (1/2,0),(1/2,1/2),(1,0)', () => {
    expect(str(cell(1, 0).vertices())).toEqual(['1/2,0', '1/2,1/2', '1,0']);
  });
  it('cell 11 is the quadrilateral (1/2,1/2),(1/2,1),(1,0),(1,1)', () => {
    const p = cell(1, 1);
    expect(str(p.vertices())).toEqual(['1/2,1/2', '1/2,1', '1,0', '1,1']);
    // incidence: every facet of a polygon holds exactly 2 vertices, every vertex 2 facets
    const inc = p.incidence();
    expect(inc.every((l) => l.length === 2)).toBe(true);
    const deg = new Array<number>(4).fill(0);
    for (const l of inc) for (const v of l) deg[v]!++;
    expect(deg).toEqual([2, 2, 2, 2]);
  });
  it('areas 3/8, 1/8, 1/8, 3/8 and centroids from SPEC §9 B; areas sum to 1', () => {
    const cells = [cell(0, 0), cell(0, 1), cell(1, 0), cell(1, 1)];
    expect(cells.map((c) => c.volume().toString())).toEqual(['3/8', '1/8', '1/8', '3/8']);
    expect(cells.map((c) => c.centroid().map(String).join(','))).toEqual([
      '2/9,7/18',
      '1/3,5/6',
      '2/3,1/6',
      '7/9,11/18',
    ]);
    expect(Rational.sum(cells.map((c) => c.volume())).equals(Rational.ONE)).toBe(true);
    expect(cells[0]!.volume({ measures: 'float' })).toBeCloseTo(0.375, 12);
  });
  it('the shared face 00|01 has length (1/2)√2', () => {
    const shared = cell(0, 0).intersect(cell(0, 1));
    expect(shared.relativeVolume().toString()).toBe('1/2*sqrt(2)');
  });
  it('the four cells pairwise intersect in their shared faces', () => {
    const c00 = cell(0, 0);
    expect(c00.intersect(cell(0, 1)).dimension()).toBe(1); // 00|01 share a segment
    expect(c00.intersect(cell(1, 1)).dimension()).toBe(0); // 00/11 meet in one point
    expect(str(c00.intersect(cell(1, 1)).vertices())).toEqual(['1/2,1/2']);
  });
});

describe('f-vectors of cubes, simplices and cross-polytopes (closed formulas)', () => {
  for (let d = 2; d <= 6; d++) {
    it(`cube d=${d}: 2^d vertices, 2d facets, every vertex on d facets`, () => {
      const { A, b } = cube(d);
      const p = Polytope.fromHRep(A, b);
      expect(p.vertices().length).toBe(2 ** d);
      expect(p.facets().length).toBe(2 * d);
      expect(p.incidence().every((l) => l.length === 2 ** (d - 1))).toBe(true);
      expect(p.dimension()).toBe(d);
      expect(p.volume().equals(Rational.ONE)).toBe(true);
    });
    it(`simplex d=${d}: d+1 vertices, d+1 facets`, () => {
      const { A, b } = simplex(d);
      const p = Polytope.fromHRep(A, b);
      expect(p.vertices().length).toBe(d + 1);
      expect(p.facets().length).toBe(d + 1);
      expect(p.incidence().every((l) => l.length === d)).toBe(true);
      let fact = 1n;
      for (let i = 2n; i <= BigInt(d); i++) fact *= i;
      expect(p.volume().equals(Rational.of(1n, fact))).toBe(true); // 1/d!
    });
    it(`cross-polytope d=${d}: 2d vertices, 2^d facets (both directions)`, () => {
      const { A, b } = cross(d);
      const p = Polytope.fromHRep(A, b);
      expect(p.vertices().length).toBe(2 * d);
      expect(p.facets().length).toBe(2 ** d);
      const pts = p.vertices();
      const v = Polytope.fromVRep(pts);
      expect(v.facets().length).toBe(2 ** d);
      expect(facetStr(v)).toEqual(facetStr(p));
      let fact = 1n;
      for (let i = 2n; i <= BigInt(d); i++) fact *= i;
      expect(p.volume().equals(Rational.of(2n ** BigInt(d), fact))).toBe(true); // 2^d/d!
    });
  }
});

describe('degenerate input', () => {
  it('redundant and duplicate constraints are removed from facets()', () => {
    const p = Polytope.fromHRep(
      [...box2.A, [1, 0], [2, 0], [1, 1], [-1, -1]],
      [...box2.b, 1, 2, 5, 0],
    );
    expect(p.facets().length).toBe(4);
    expect(str(p.vertices())).toEqual(['0,0', '0,1', '1,0', '1,1']);
  });
  it('an empty system: isEmpty, dimension −1, interiorPoint throws', () => {
    const p = Polytope.fromHRep(
      [
        [1, 0],
        [-1, 0],
      ],
      [0, -1],
    );
    expect(p.isEmpty()).toBe(true);
    expect(p.dimension()).toBe(-1);
    expect(p.vertices()).toEqual([]);
    expect(p.facets()).toEqual([]);
    expect(() => p.interiorPoint()).toThrow(EmptyPolytopeError);
  });
  it('a point given by inequalities', () => {
    const p = Polytope.fromHRep(
      [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
        [1, 1],
      ],
      [2, -2, 3, -3, 9],
    );
    expect(p.dimension()).toBe(0);
    expect(str(p.vertices())).toEqual(['2,3']);
    expect(p.facets()).toEqual([]);
    expect(p.affineHull().A.length).toBe(2);
  });
  it('a lower-dimensional polytope: implicit equalities go to affineHull, not facets', () => {
    // triangle in the plane z = 1 of R^3 written with inequalities only
    const p = Polytope.fromHRep(
      [
        [-1, 0, 0],
        [0, -1, 0],
        [1, 1, 0],
        [0, 0, 1],
        [0, 0, -1],
      ],
      [0, 0, 1, 1, -1],
    );
    expect(p.dimension()).toBe(2);
    expect(str(p.vertices())).toEqual(['0,0,1', '0,1,1', '1,0,1']);
    expect(facetStr(p)).toEqual(['-1,0,0<=0', '0,-1,0<=0', '1,1,0<=1']);
    const hull = p.affineHull();
    expect(hull.A.length).toBe(1);
    // the hull equation holds at every vertex
    for (const v of p.vertices()) {
      const lhs = hull.A[0]!.reduce((s, a, i) => s.add(a.mul(v[i]!)), Rational.ZERO);
      expect(lhs.equals(hull.b[0]!)).toBe(true);
    }
  });
  it('equality rows', () => {
    const p = Polytope.fromHRep(cube(3).A, cube(3).b, {
      equalities: { A: [[1, 1, 1]], b: [1] },
    });
    expect(p.dimension()).toBe(2);
    expect(str(p.vertices())).toEqual(['0,0,1', '0,1,0', '1,0,0']);
    expect(p.facets().length).toBe(3);
  });
  it('an unbounded polyhedron with rays', () => {
    const p = Polytope.fromHRep(
      [
        [-1, 0],
        [0, -1],
        [-1, -1],
      ],
      [0, 0, -1],
    );
    expect(p.isBounded()).toBe(false);
    expect(str(p.vertices())).toEqual(['0,1', '1,0']);
    expect(str(p.rays())).toEqual(['0,1', '1,0']);
    expect(p.facets().length).toBe(3);
  });
  it('a polyhedron with lines: vertices of P ∩ L^⊥', () => {
    // slab 0 ≤ x + y ≤ 2 in R^2: lineality (1,−1), P ∩ L^⊥ = segment on x = y
    const p = Polytope.fromHRep(
      [
        [1, 1],
        [-1, -1],
      ],
      [2, 0],
    );
    expect(p.lines().length).toBe(1);
    const l = p.lines()[0]!;
    expect(l[0]!.add(l[1]!).isZero()).toBe(true);
    expect(str(p.vertices())).toEqual(['0,0', '1,1']);
    expect(p.dimension()).toBe(2);
    expect(p.isBounded()).toBe(false);
  });
  it('zero rows: 0 ≤ b ≥ 0 is dropped, 0 ≤ b < 0 makes the set empty', () => {
    expect(Polytope.fromHRep([...box2.A, [0, 0]], [...box2.b, 3]).vertices().length).toBe(4);
    expect(Polytope.fromHRep([...box2.A, [0, 0]], [...box2.b, -1]).isEmpty()).toBe(true);
  });
});

describe('typed errors', () => {
  it('shape mismatches name the field', () => {
    expect(() => Polytope.fromHRep([[1, 0], [1]], [1, 1])).toThrow(ShapeError);
    expect(() => Polytope.fromHRep([[1, 0], [1]], [1, 1])).toThrow(/A\[1\]/);
    expect(() => Polytope.fromHRep([[1, 0]], [1, 2])).toThrow(ShapeError);
    expect(() =>
      Polytope.fromHRep([[1, 0]], [1], { equalities: { A: [[1, 0, 0]], b: [0] } }),
    ).toThrow(/equalities\.A\[0\]/);
    expect(() => Polytope.fromVRep([[0, 0], [1]])).toThrow(/points\[1\]/);
  });
  it('NaN and Infinity name the entry', () => {
    expect(() => Polytope.fromHRep([[1, NaN]], [1])).toThrow(NonFiniteNumberError);
    expect(() => Polytope.fromHRep([[1, NaN]], [1])).toThrow(/A\[0\]\[1\]/);
    expect(() => Polytope.fromHRep([[1, 0]], [Infinity])).toThrow(/b\[0\]/);
  });
  it('bounded results of an unbounded polyhedron', () => {
    const p = Polytope.fromHRep(
      [
        [-1, 0],
        [0, -1],
      ],
      [0, 0],
    );
    expect(() => p.volume()).toThrow(UnboundedError);
    expect(() => p.centroid()).toThrow(UnboundedError);
    try {
      p.volume();
    } catch (e) {
      expect((e as UnboundedError).code).toBe('UNBOUNDED');
    }
  });
  it('measures of an empty set', () => {
    const p = Polytope.fromHRep([[1], [-1]], [0, -1]);
    expect(p.volume().isZero()).toBe(true);
    expect(() => p.centroid()).toThrow(EmptyPolytopeError);
  });
  it('intersect of different ambient dimensions', () => {
    const a = Polytope.fromHRep(cube(2).A, cube(2).b);
    const b = Polytope.fromHRep(cube(3).A, cube(3).b);
    expect(() => a.intersect(b)).toThrow(DimensionMismatchError);
  });
});

describe('fromVRep', () => {
  it('duplicate and interior points do not change the facets', () => {
    const p = Polytope.fromVRep([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      ['1/2', '1/2'],
      [0, 0],
      ['1/3', 1],
    ]);
    expect(facetStr(p)).toEqual(['-1,0<=0', '0,-1<=0', '0,1<=1', '1,0<=1']);
    expect(str(p.vertices())).toEqual(['0,0', '0,1', '1,0', '1,1']);
  });
  it('a segment in R^3 has its affine hull', () => {
    const p = Polytope.fromVRep([
      [0, 0, 0],
      [1, 2, 3],
    ]);
    expect(p.dimension()).toBe(1);
    expect(p.affineHull().A.length).toBe(2);
    expect(p.facets().length).toBe(2);
  });
  it('rays and lines', () => {
    const p = Polytope.fromVRep([[0, 0, 0]], [[1, 0, 0]], [[0, 0, 1]]);
    expect(p.dimension()).toBe(2);
    expect(p.facets().length).toBe(1);
    expect(p.lines().length).toBe(1);
    expect(str(p.rays())).toEqual(['1,0,0']);
  });
  it('no points: empty', () => {
    expect(Polytope.fromVRep([], [[1, 0]]).isEmpty()).toBe(true);
  });
  it('interiorPoint is strictly inside every facet', () => {
    const p = Polytope.fromVRep([
      [0, 0],
      [4, 0],
      [0, 3],
    ]);
    const x = p.interiorPoint();
    for (const f of p.facets()) {
      const lhs = f.a.reduce((s, a, i) => s.add(a.mul(x[i]!)), Rational.ZERO);
      expect(lhs.lt(f.b)).toBe(true);
    }
    expect(x.map(String)).toEqual(['4/3', '1']);
  });
});

describe('exact rationals in the input', () => {
  it('a JSON 0.1 is the float it is, a string "0.1" is 1/10', () => {
    const p = Polytope.fromHRep([[1], [-1]], [0.1, 0]);
    expect(p.vertices()[1]![0]!.equals(Rational.fromDouble(0.1))).toBe(true);
    const s = Polytope.fromHRep([[1], [-1]], ['0.1', 0]);
    expect(s.vertices()[1]![0]!.equals(q('1/10'))).toBe(true);
  });
});

describe('cdd/lrs files through the Polytope class', () => {
  it('toIne → fromIne and toExt → fromExt give back the same polytope', () => {
    const p = Polytope.fromHRep(cube(3).A, cube(3).b, {
      equalities: { A: [[1, 1, 1]], b: [1] },
    });
    const h = Polytope.fromIne(p.toIne());
    expect(str(h.vertices())).toEqual(str(p.vertices()));
    expect(h.dimension()).toBe(2);
    const v = Polytope.fromExt(p.toExt());
    expect(str(v.vertices())).toEqual(str(p.vertices()));
    expect(v.affineHull().A.length).toBe(1);
  });
  it('an empty polyhedron writes an infeasible .ine', () => {
    const p = Polytope.fromHRep([[1], [-1]], [0, -1]);
    expect(Polytope.fromIne(p.toIne()).isEmpty()).toBe(true);
  });
});
