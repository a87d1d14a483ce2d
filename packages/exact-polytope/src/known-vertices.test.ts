import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError, toIntegerPoint, type IntegerPoint } from '@mlgeo/exact-arith';
import {
  Polytope,
  knownCell,
  polytopeFromKnownVertices,
  type KnownCell,
  type KnownVerticesInput,
} from './index.js';

/** Everything combinatorial and metric about a bounded polytope, as comparable strings. */
function summary(p: Polytope) {
  return {
    empty: p.isEmpty(),
    bounded: p.isBounded(),
    dimension: p.dimension(),
    vertices: p.vertices().map((v) => v.map(String).join(',')),
    facets: p.facets().map((f) => `${f.a.map(String).join(',')}<=${f.b}`),
    incidence: p.incidence(),
    volume: p.volume().toString(),
    centroid: p.centroid().map(String),
    facetVolumes: p.facetVolumes().map(String),
    ine: p.toIne(),
  };
}

interface Rows {
  d: number;
  A: bigint[][];
  b: bigint[];
}

/**
 * The input the partition engines give, built from the oracle (vertex enumeration by DD): every
 * vertex, the rows tight at it found by exact evaluation of all the given rows, vertices in a
 * shuffled order, floats perturbed within a stated bound.
 */
function knownInput(
  rows: Rows,
  oracle: Polytope,
  shuffle: number[],
  noise: number,
): KnownVerticesInput & { tight: number[][] } {
  const verts = oracle.vertices();
  const order = shuffle.length === verts.length ? shuffle : verts.map((_, i) => i);
  const points = order.map((i) => toIntegerPoint(verts[i]!));
  const tight = points.map((p) =>
    rows.A.flatMap((a, r) => {
      let s = -rows.b[r]! * p.den;
      for (let k = 0; k < rows.d; k++) s += a[k]! * p.num[k]!;
      return s === 0n ? [r] : [];
    }),
  );
  const error = noise;
  const floats = order.map((i, t) =>
    verts[i]!.map((x, k) => x.toNumber() + (((t + k) % 3) - 1) * noise * 0.4),
  );
  return {
    dimension: rows.d,
    rows: rows.A.map((a, r) => ({ a, b: rows.b[r]! })),
    vertexCount: points.length,
    tight,
    exactVertex: (v) => points[v]!,
    floatVertices: { points: floats, error: error + 2 ** -52 * 64 },
    check: true,
  };
}

/** A permutation of 0..n−1 from a seed. */
function permutation(n: number, seed: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function compare(rows: Rows, seed: number, noise: number): void {
  const oracle = Polytope.fromHRep(rows.A, rows.b);
  const known = polytopeFromKnownVertices(
    knownInput(rows, oracle, permutation(oracle.vertices().length, seed), noise),
  );
  expect(summary(known)).toEqual(summary(oracle));
  // the same points declared reduced (toIntegerPoint's are): used as given, same polytope
  const input = knownInput(rows, oracle, permutation(oracle.vertices().length, seed), noise);
  const shared = polytopeFromKnownVertices({ ...input, reducedVertices: true });
  expect(summary(shared)).toEqual(summary(oracle));
}

/** Box [0, 10]^d. */
function box(d: number): Rows {
  const A: bigint[][] = [];
  const b: bigint[] = [];
  for (let i = 0; i < d; i++) {
    const e = new Array<bigint>(d).fill(0n);
    e[i] = 1n;
    A.push(
      e,
      e.map((x) => -x),
    );
    b.push(10n, 0n);
  }
  return { d, A, b };
}

/** The box cut by a·x ≤ a·c + r through the centre c = (5, …, 5), plus degenerate extras. */
const boundedRows = fc.integer({ min: 1, max: 4 }).chain((d) =>
  fc
    .record({
      cuts: fc.array(
        fc.record({
          a: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: d, maxLength: d }),
          r: fc.integer({ min: 0, max: 12 }),
          scale: fc.constantFrom(1n, 1n, 3n),
        }),
        { maxLength: 7 },
      ),
      duplicates: fc.array(fc.nat(), { maxLength: 3 }),
      seed: fc.nat(),
      noise: fc.constantFrom(0, 1e-9, 1e-3),
    })
    .map(({ cuts, duplicates, seed, noise }) => {
      const rows = box(d);
      for (const c of cuts) {
        const a = c.a.map(BigInt);
        if (a.every((x) => x === 0n)) continue;
        const rhs = a.reduce((s, x) => s + 5n * x, 0n) + BigInt(c.r);
        // scaled copies are proportional rows (merged), r = 0 cuts through the centre
        rows.A.push(a.map((x) => x * c.scale));
        rows.b.push(rhs * c.scale);
      }
      // exact duplicates and rows through vertices (often tight at a vertex only)
      for (const i of duplicates) {
        const r = i % rows.A.length;
        rows.A.push(rows.A[r]!.slice());
        rows.b.push(rows.b[r]!);
      }
      return { rows, seed, noise };
    }),
);

describe('polytopeFromKnownVertices', () => {
  it('equals vertex enumeration on random polytopes with degenerate rows (fast-check)', () => {
    fc.assert(
      fc.property(boundedRows, ({ rows, seed, noise }) => {
        const oracle = Polytope.fromHRep(rows.A, rows.b);
        fc.pre(oracle.dimension() === rows.d);
        compare(rows, seed, noise);
      }),
      { numRuns: 150 },
    );
  });

  it('equals vertex enumeration on degenerate polytopes', () => {
    // square pyramid: apex on four facets; octahedron: every vertex on four facets
    const pyramid: Rows = {
      d: 3,
      A: [
        [0n, 0n, -1n],
        [2n, 0n, 1n],
        [-2n, 0n, 1n],
        [0n, 2n, 1n],
        [0n, -2n, 1n],
      ],
      b: [0n, 2n, 2n, 2n, 2n],
    };
    const octa: Rows = { d: 3, A: [], b: [] };
    for (const s of [
      [1n, 1n, 1n],
      [1n, 1n, -1n],
      [1n, -1n, 1n],
      [1n, -1n, -1n],
      [-1n, 1n, 1n],
      [-1n, 1n, -1n],
      [-1n, -1n, 1n],
      [-1n, -1n, -1n],
    ]) {
      octa.A.push(s);
      octa.b.push(1n);
    }
    // cube with a plane through one edge only (tight at 2 vertices, not a facet) and a plane
    // through a diagonal of a face that touches the cube in that diagonal (3 rows on one face)
    const cube = box(3);
    cube.A.push([1n, 1n, 0n], [1n, 0n, 1n], [0n, 0n, 1n]);
    cube.b.push(20n, 20n, 10n);
    // a 4-simplex and a hypercube with a corner cut exactly through vertices
    const simplex: Rows = {
      d: 4,
      A: [
        [-1n, 0n, 0n, 0n],
        [0n, -1n, 0n, 0n],
        [0n, 0n, -1n, 0n],
        [0n, 0n, 0n, -1n],
        [1n, 1n, 1n, 1n],
      ],
      b: [0n, 0n, 0n, 0n, 7n],
    };
    const cut = box(4);
    cut.A.push([1n, 1n, 1n, 1n]);
    cut.b.push(30n);
    for (const rows of [pyramid, octa, cube, simplex, cut, box(1), box(2)])
      for (const seed of [1, 2, 3]) for (const noise of [0, 1e-6]) compare(rows, seed, noise);
  });

  it('decides equal coordinates without floats and uses exact vertices only when needed', () => {
    const rows = box(2);
    const oracle = Polytope.fromHRep(rows.A, rows.b);
    const input = knownInput(rows, oracle, [3, 1, 0, 2], 0);
    let calls = 0;
    const exactVertex = input.exactVertex!;
    const p = polytopeFromKnownVertices({
      ...input,
      check: false,
      exactVertex: (v) => (calls++, exactVertex(v)),
    });
    // box corners: floats are exact and far apart; equal coordinates share an axis row
    expect(p.incidence()).toEqual(oracle.incidence());
    expect(p.floatVertices().points.map((q) => Array.from(q))).toEqual(
      oracle.vertices().map((v) => v.map((x) => x.toNumber())),
    );
    expect(calls).toBe(0);
    expect(p.vertices()).toEqual(oracle.vertices());
    expect(calls).toBe(4);
  });

  it('rejects broken contracts under check and bad shapes always', () => {
    const rows = box(2);
    const oracle = Polytope.fromHRep(rows.A, rows.b);
    const input = knownInput(rows, oracle, [], 0);
    const missing = input.tight.map((t, v) => (v === 0 ? t.slice(1) : t));
    expect(() => polytopeFromKnownVertices({ ...input, tight: missing })).toThrow(ShapeError);
    const outside: IntegerPoint = { num: [11n, 0n], den: 1n };
    expect(() =>
      polytopeFromKnownVertices({
        ...input,
        exactVertex: (v) => (v === 0 ? outside : input.exactVertex!(v)),
      }),
    ).toThrow(/violates/);
    expect(() =>
      polytopeFromKnownVertices({ ...input, vertexCount: 2, tight: input.tight.slice(0, 2) }),
    ).toThrow(ShapeError);
    expect(() =>
      polytopeFromKnownVertices({ ...input, tight: [[0, 99], ...input.tight.slice(1)] }),
    ).toThrow(/tight\[0\]/);
    // a point declared reduced that is not (the same point, num and den doubled)
    const twice = (v: number): IntegerPoint => {
      const p = input.exactVertex!(v);
      return { num: p.num.map((x) => 2n * x), den: 2n * p.den };
    };
    expect(polytopeFromKnownVertices({ ...input, exactVertex: twice }).vertices()).toEqual(
      oracle.vertices(),
    );
    expect(() =>
      polytopeFromKnownVertices({ ...input, exactVertex: twice, reducedVertices: true }),
    ).toThrow(/not reduced/);
  });

  it('takes its exact vertices from a vertex source as from exactVertex, and needs one of them', () => {
    const rows = box(2);
    const oracle = Polytope.fromHRep(rows.A, rows.b);
    const input = knownInput(rows, oracle, [2, 0, 3, 1], 0);
    const exactVertex = input.exactVertex!;
    let calls = 0;
    const p = polytopeFromKnownVertices({
      ...input,
      exactVertex: undefined,
      vertexSource: { knownExactVertex: (v) => (calls++, exactVertex(v)) },
    });
    expect(p.incidence()).toEqual(oracle.incidence());
    expect(p.vertices()).toEqual(oracle.vertices());
    expect(calls).toBeGreaterThan(0);
    // a bad point from the source is rejected as from exactVertex
    const outside: IntegerPoint = { num: [11n, 0n], den: 1n };
    expect(() =>
      polytopeFromKnownVertices({
        ...input,
        exactVertex: undefined,
        vertexSource: { knownExactVertex: (v) => (v === 0 ? outside : exactVertex(v)) },
      }),
    ).toThrow(/violates/);
    expect(() => polytopeFromKnownVertices({ ...input, exactVertex: undefined })).toThrow(
      ShapeError,
    );
    expect(() => polytopeFromKnownVertices({ ...input, exactVertex: undefined })).toThrow(
      /neither exactVertex nor vertexSource/,
    );
  });

  it('shares the coordinates of a point object between polytopes given reduced points', () => {
    // two unit squares sharing the edge x = 1: the points (1, 0), (1, 1) are one object each
    const P = (x: bigint, y: bigint): IntegerPoint => ({ num: [x, y], den: 1n });
    const shared = [P(1n, 0n), P(1n, 1n)];
    const square = (x0: bigint, reducedVertices: boolean) => {
      const pts = [P(x0, 0n), P(x0, 1n), ...shared];
      const rows = [
        { a: [1n, 0n], b: x0 < 1n ? 1n : x0 },
        { a: [-1n, 0n], b: x0 < 1n ? -x0 : -1n },
        { a: [0n, 1n], b: 1n },
        { a: [0n, -1n], b: 0n },
      ];
      return polytopeFromKnownVertices({
        dimension: 2,
        rows,
        vertexCount: 4,
        tight: pts.map((p) =>
          rows.flatMap((r, i) =>
            r.a[0]! * p.num[0]! + r.a[1]! * p.num[1]! === r.b * p.den ? [i] : [],
          ),
        ),
        exactVertex: (v) => pts[v]!,
        reducedVertices,
        check: true,
      });
    };
    const left = square(0n, true).vertices();
    const right = square(2n, true).vertices();
    const at = (vs: typeof left, x: string, y: string) =>
      vs.find((v) => v[0]!.toString() === x && v[1]!.toString() === y)!;
    // vertices() copies the arrays; their Rationals are the shared ones
    expect(at(left, '1', '0')[0]).toBe(at(right, '1', '0')[0]);
    expect(at(left, '1', '1')[1]).toBe(at(right, '1', '1')[1]);
    expect(square(0n, false).vertices()).toEqual(left);
    expect(square(2n, false).vertices()).toEqual(right);
  });

  it('keeps the incidence flat (s14-inc): the lists are the oracle ones, small cells around a large one intact', () => {
    // the parabola polygon: vertices (i, i²), edges between neighbours, 0 ≤ x ≤ n − 1, y ≤ (n − 1)²
    const parabola = (n: number): Rows => {
      const A: bigint[][] = [];
      const b: bigint[] = [];
      for (let i = 0n; i + 1n < BigInt(n); i++) {
        A.push([2n * i + 1n, -1n]);
        b.push(i * (i + 1n));
      }
      A.push([0n, 1n], [-1n, 0n], [1n, 0n]);
      b.push(BigInt((n - 1) * (n - 1)), 0n, BigInt(n - 1));
      return { d: 2, A, b };
    };
    const flat = (c: KnownCell): number[][] => {
      const block = c.incidenceBlock;
      const at = c.incidenceAt;
      const out: number[][] = [];
      for (let f = 0; f < c.facetCount; f++)
        out.push(Array.from(block.subarray(block[at + f]!, block[at + f + 1]!)));
      return out;
    };
    const cellOf = (rows: Rows, seed: number) => {
      const oracle = Polytope.fromHRep(rows.A, rows.b);
      const input = knownInput(rows, oracle, permutation(oracle.vertices().length, seed), 0);
      return { oracle, cell: knownCell(input) };
    };
    // small cells fill the shared block, then a large one (its own array), then more small ones:
    // the first cells' entries stay as they were
    const made = [];
    for (let i = 0; i < 40; i++) made.push(cellOf(i % 2 === 0 ? box(2) : box(3), i));
    made.push(cellOf(parabola(150), 7));
    for (let i = 0; i < 40; i++) made.push(cellOf(box(3), i));
    for (const { oracle, cell } of made) {
      expect(flat(cell)).toEqual(oracle.incidence());
      expect(cell.incidence).toEqual(oracle.incidence());
      expect(cell.facetCount).toBe(oracle.facets().length);
      expect(cell.polytope().vertices()).toEqual(oracle.vertices());
    }
  });
});
