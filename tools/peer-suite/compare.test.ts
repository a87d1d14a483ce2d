import { describe, expect, it } from 'vitest';
import { Rational } from '@mlgeo/exact-arith';
import {
  compareH,
  compareV,
  complementProjector,
  normaliseRay,
  primitiveRow,
  sameSpan,
  type ExpectedH,
  type ExpectedV,
} from './compare.js';

const q = (rows: (string | number)[][]) => rows.map((r) => r.map((x) => Rational.from(x)));
const base: ExpectedH = {
  representation: 'H',
  d: 2,
  empty: false,
  bounded: true,
  dimension: 2,
  vertices: [
    ['0', '0'],
    ['0', '1'],
    ['1', '0'],
  ],
  rays: [],
  lines: [],
};
const ours = {
  empty: false,
  bounded: true,
  dimension: 2,
  vertices: q([
    [1, 0],
    [0, 0],
    [0, 1],
  ]),
  rays: [],
  lines: [],
};

describe('peer-suite comparison', () => {
  it('agrees on the same vertex set in another order', () => {
    expect(compareH(base, ours)).toBeNull();
  });

  it('reports a missing vertex, a wrong dimension and emptiness', () => {
    expect(compareH(base, { ...ours, vertices: ours.vertices.slice(1) })).toMatch(
      /vertices: missing/,
    );
    expect(compareH(base, { ...ours, vertices: [...ours.vertices, q([[1, 1]])[0]!] })).toMatch(
      /extra \(1, 1\)/,
    );
    expect(compareH(base, { ...ours, dimension: 1 })).toMatch(/dimension/);
    expect(compareH(base, { ...ours, empty: true })).toMatch(/empty/);
    expect(compareH(base, { ...ours, bounded: false })).toMatch(/bounded/);
  });

  it('compares rays up to positive scaling only', () => {
    const exp = { ...base, bounded: false, rays: [['1', '-1/2']] };
    expect(compareH(exp, { ...ours, bounded: false, rays: q([[4, -2]]) })).toBeNull();
    expect(compareH(exp, { ...ours, bounded: false, rays: q([[-4, 2]]) })).toMatch(/rays/);
  });

  it('compares lines up to span and vertices modulo the lines', () => {
    const exp = { ...base, bounded: false, vertices: [['0', '3']], lines: [['1', '1']] };
    // (2, 5) = (0, 3) + 2·(1, 1): the same vertex modulo the line; the line given as −3·(1, 1).
    const same = { ...ours, bounded: false, vertices: q([[2, 5]]), lines: q([[-3, -3]]) };
    expect(compareH(exp, same)).toBeNull();
    expect(compareH(exp, { ...same, vertices: q([[2, 4]]) })).toMatch(/vertices/);
    expect(compareH(exp, { ...same, lines: q([[1, 0]]) })).toMatch(/lines/);
  });

  it('compares facets as coprime integer rows, keeping their sign', () => {
    const exp: ExpectedV = {
      representation: 'V',
      d: 2,
      facets: [
        ['0', '1', '0'],
        ['1', '-1', '-1'],
      ],
      equalities: [],
    };
    const facets = q([
      [0, 3, 0],
      ['1/2', '-1/2', '-1/2'],
    ]);
    expect(compareV(exp, { facets, equalities: [] })).toBeNull();
    expect(
      compareV(exp, {
        facets: q([
          [0, -1, 0],
          [1, -1, -1],
        ]),
        equalities: [],
      }),
    ).toMatch(/facets/);
    expect(compareV(exp, { facets, equalities: q([[0, 0, 1]]) })).toMatch(/equalities/);
  });

  it('has exact helpers that do what they say', () => {
    expect(normaliseRay(q([[0, -3, 6]])[0]!).map(String)).toEqual(['0', '-1', '2']);
    expect(primitiveRow(q([['-2/3', '4/3']])[0]!, true).map(String)).toEqual(['1', '-2']);
    expect(primitiveRow(q([['-2/3', '4/3']])[0]!, false).map(String)).toEqual(['-1', '2']);
    expect(
      sameSpan(
        q([
          [1, 1, 0],
          [0, 1, 1],
        ]),
        q([
          [1, 2, 1],
          [1, 0, -1],
        ]),
      ),
    ).toBe(true);
    expect(sameSpan(q([[1, 1, 0]]), q([[1, 0, 0]]))).toBe(false);
    const p = complementProjector(q([[1, 1]]))(q([[2, 0]])[0]!);
    expect(p.map(String)).toEqual(['1', '-1']);
  });
});
