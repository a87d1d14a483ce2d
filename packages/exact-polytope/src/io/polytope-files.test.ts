/**
 * Every kind of polyhedron through the cdd/lrs file format: small files written here, expectations
 * derived here from the construction (issue 6), plus toIne/toExt round trips.
 */
import { describe, expect, it } from 'vitest';
import { Rational, RationalField, rank } from '@mlgeo/exact-arith';
import { Polytope } from '../polytope.js';
import { formatExt, formatIne, parseExt, parseIne } from '../index.js';

const q = (x: number | string) => Rational.from(x);
const key = (v: readonly Rational[]) => v.map(String).join(' ');
const keys = (vs: readonly (readonly Rational[])[]) => vs.map(key).sort();
const spanRank = (vs: Rational[][]) => (vs.length ? rank(RationalField, vs) : 0);
const sameSpan = (a: Rational[][], b: Rational[][]) =>
  spanRank(a) === spanRank(b) && spanRank([...a, ...b]) === spanRank(a);
/** Positive scaling with first non-zero entry ±1. */
const normRay = (v: Rational[]) => {
  const p = v.find((x) => !x.isZero())!;
  return v.map((x) => x.div(p.abs()));
};

describe('polyhedra from .ine/.ext files', () => {
  it('a shifted orthant: one vertex c and the unit rays', () => {
    const c = [3, -2, 5];
    // x_i ≥ c_i  ⇔  −c_i + x_i ≥ 0
    const text = `H-representation\nbegin\n3 4 integer\n${c
      .map((ci, i) => [-ci, ...c.map((_, j) => (i === j ? 1 : 0))].join(' '))
      .join('\n')}\nend\n`;
    const P = Polytope.fromIne(text);
    expect(P.isBounded()).toBe(false);
    expect(keys(P.vertices())).toEqual([key(c.map(q))]);
    expect(keys(P.rays().map(normRay))).toEqual(
      keys(c.map((_, i) => c.map((__, j) => q(i === j ? 1 : 0)))),
    );
    expect(P.lines()).toEqual([]);
  });

  it('a slab −1 ≤ a·x ≤ 1: lines span a^⊥, vertices ±a/|a|²', () => {
    const a = [1, 2, 3];
    const n2 = a.reduce((s, x) => s + x * x, 0);
    const text = `* slab\nH-representation\nbegin\n2 4 integer\n1 ${a.map((x) => -x).join(' ')}\n1 ${a.join(' ')}\nend\n`;
    const P = Polytope.fromIne(text);
    expect(P.dimension()).toBe(3);
    expect(P.isBounded()).toBe(false);
    const lines = P.lines();
    expect(lines.length).toBe(2);
    for (const l of lines)
      expect(Rational.sum(l.map((x, i) => x.mul(q(a[i]!)))).isZero()).toBe(true);
    expect(spanRank(lines)).toBe(2);
    // vertices of P ∩ lineality^⊥: the points ±a/|a|² on the line through a
    expect(keys(P.vertices())).toEqual(
      keys([a.map((x) => Rational.of(x, n2)), a.map((x) => Rational.of(-x, n2))]),
    );
  });

  it('linearity: the cube [0,1]^3 cut by x1 + x2 + x3 = 1 is the triangle conv(e1, e2, e3)', () => {
    const text = [
      'H-representation',
      'linearity 1 7',
      'begin',
      '7 4 integer',
      '0 1 0 0',
      '0 0 1 0',
      '0 0 0 1',
      '1 -1 0 0',
      '1 0 -1 0',
      '1 0 0 -1',
      '-1 1 1 1',
      'end',
    ].join('\n');
    const P = Polytope.fromIne(text);
    expect(P.dimension()).toBe(2);
    const e = [0, 1, 2].map((i) => [0, 1, 2].map((j) => q(i === j ? 1 : 0)));
    expect(keys(P.vertices())).toEqual(keys(e));
    const hull = P.affineHull();
    expect(
      sameSpan(
        hull.A.map((r, i) => [hull.b[i]!, ...r]),
        [[q(1), q(1), q(1), q(1)]],
      ),
    ).toBe(true);
    // the linearity row comes back as an equality of toIne()
    const back = parseIne(P.toIne());
    expect(back.equalities.length).toBe(1);
  });

  it('an empty polyhedron: x ≥ 1 and x ≤ 0', () => {
    const P = Polytope.fromIne('H-representation\nbegin\n2 2 integer\n-1 1\n0 -1\nend\n');
    expect(P.isEmpty()).toBe(true);
    expect(P.dimension()).toBe(-1);
    expect(parseExt(P.toExt()).points).toEqual([]);
    expect(Polytope.fromIne(P.toIne()).isEmpty()).toBe(true);
  });

  it('a single point: x ≥ 0 and x1 + … + xd ≤ 0 is the origin', () => {
    const d = 4;
    const rows = [
      ...Array.from({ length: d }, (_, i) => [
        0,
        ...Array.from({ length: d }, (__, j) => (i === j ? 1 : 0)),
      ]),
      [0, ...Array.from({ length: d }, () => -1)],
    ];
    const P = Polytope.fromIne(
      formatIne({ A: rows.map((r) => r.slice(1).map((x) => -x)), b: rows.map((r) => r[0]!) }),
    );
    expect(P.dimension()).toBe(0);
    expect(keys(P.vertices())).toEqual([key(Array.from({ length: d }, () => q(0)))]);
  });

  it('a lower-dimensional polytope with an implicit equality: a segment in the plane', () => {
    // 0 ≤ x ≤ 2, y ≤ 1, y ≥ 1  →  the segment from (0, 1) to (2, 1)
    const P = Polytope.fromIne('begin\n4 3 integer\n0 1 0\n2 -1 0\n1 0 -1\n-1 0 1\nend\n');
    expect(P.dimension()).toBe(1);
    expect(keys(P.vertices())).toEqual(
      keys([
        [q(0), q(1)],
        [q(2), q(1)],
      ]),
    );
    const Q = Polytope.fromExt(P.toExt());
    expect(Q.dimension()).toBe(1);
    expect(keys(Q.vertices())).toEqual(keys(P.vertices()));
  });

  it('a V-file with duplicate and interior points: the square keeps its 4 corners and 4 facets', () => {
    const corners = [
      [0, 0],
      [4, 0],
      [0, 4],
      [4, 4],
    ];
    const junk = [
      [2, 2],
      [2, 0],
      [1, 3],
      [4, 4],
      [0, 0],
    ]; // interior, edge midpoint, duplicates
    const P = Polytope.fromExt(formatExt({ points: [...corners, ...junk] }));
    expect(keys(P.vertices())).toEqual(keys(corners.map((c) => c.map(q))));
    const facets = P.facets();
    expect(facets.length).toBe(4);
    // every facet holds exactly two corners with equality and all corners with ≤
    for (const f of facets) {
      const values = corners.map((c) => Rational.sum(f.a.map((x, i) => x.mul(q(c[i]!)))).cmp(f.b));
      expect(values.filter((v) => v === 0).length).toBe(2);
      expect(values.every((v) => v <= 0)).toBe(true);
    }
    // toIne() → fromIne gives the same corners back
    expect(keys(Polytope.fromIne(P.toIne()).vertices())).toEqual(keys(P.vertices()));
  });

  it('rays without a point in a .ext file are the cone at the origin', () => {
    const P = Polytope.fromExt('V-representation\nbegin\n2 3 integer\n0 1 0\n0 1 1\nend\n');
    expect(keys(P.vertices())).toEqual([key([q(0), q(0)])]);
    expect(P.facets().length).toBe(2);
    for (const f of P.facets()) expect(f.b.isZero()).toBe(true);
  });

  it('real entries are the exact decimals written (not the nearest double)', () => {
    // x ≤ 0.1 and x ≥ 0: vertex exactly 1/10
    const P = Polytope.fromIne('begin\n2 2 real\n0.1 -1\n0 1\nend\n');
    expect(keys(P.vertices())).toEqual(keys([[Rational.of(1, 10)], [q(0)]]));
  });
});
