/**
 * Dihedral angles in d ≥ 4 (SPEC §4, ridges-nd.ts): the 4-cube grid (ridge count from the
 * combinatorics of the grid), a non-face-to-face 4-D partition with a T-junction, seeded random
 * arrangements and splits in [0,1]^4, and a 5-cube cut by two hyperplanes. Oracles: the angle-sum
 * identity (float and exact), the grid's known angles and counts.
 */
import { Rational, type RationalLike, SqrtRational, seededRandom } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { checkRidgeSum } from './angles.js';
import { buildComplex } from './complex.js';
import { complexToJson } from './json.js';
import {
  type Row,
  arrangementPartition,
  boxRows,
  partitionOf,
  polytope,
} from './partitions.test-helper.js';
import type { PartitionLike, RiemannianComplex } from './types.js';
import { verify } from './verify.js';

const unitBox = (d: number): Row[] =>
  boxRows(new Array<number>(d).fill(0), new Array<number>(d).fill(1));
const e = (d: number, k: number, s = 1): number[] =>
  Array.from({ length: d }, (_, i) => (i === k ? s : 0));

function expectChecks(c: RiemannianComplex): void {
  const results = verify(c);
  for (const r of results) expect(r.ok, `${r.name}: ${r.detail}`).toBe(true);
  const angle = results.find((r) => r.name === 'angle-sums')!;
  expect(angle.applicable).toBe(true);
}

/** Every ridge's angle sum checked exactly (Π e^{iθ} = e^{i·expected}), not only in float. */
function expectExactSums(c: RiemannianComplex): void {
  for (const r of c.ridges!) {
    const { floatOk, exactOk } = checkRidgeSum(r);
    expect(floatOk, `ridge at ${r.point.join(',')}`).toBe(true);
    expect(exactOk, `ridge at ${r.point.join(',')}`).toBe(true);
  }
}

const binom = (n: number, k: number): number =>
  k < 0 || k > n ? 0 : k === 0 ? 1 : (binom(n - 1, k - 1) * n) / k;

describe('angles in d ≥ 4: opt-in', () => {
  it('d = 4 skips angles by default and computes them with { angles: true }', () => {
    const p = partitionOf(unitBox(4), [{ label: '0', rows: [] }]);
    expect(buildComplex(p).ridges).toBeNull();
    const c = buildComplex(p, { angles: true });
    // one cell: its 24 two-faces, each a ridge of X with the cube's angle π/2
    expect(c.ridges!.length).toBe(binom(4, 2) * 4);
    for (const r of c.ridges!) {
      expect(r.location).toBe('boundary-ridge');
      expect(r.angles.map((a) => a.cos.toString())).toEqual(['0']);
    }
    expectChecks(c);
  });
});

describe('[0,1]^4 cut by x_i = 1/2 (16 cells, face-to-face)', () => {
  const p = arrangementPartition(
    unitBox(4),
    [0, 1, 2, 3].map((k) => ({ w: e(4, k), c: '-1/2' })),
  );
  const c = buildComplex(p, { angles: true });

  it('ridge count from the grid combinatorics: 2 free directions × 2^2 intervals × 3^2 levels', () => {
    // a 2-cell of the grid: choose its 2 free directions, an interval (of 2) per free direction,
    // a level in {0, 1/2, 1} per fixed direction; by the number of fixed levels at 1/2:
    const byLevels = (half: number) => binom(4, 2) * 2 ** 2 * binom(2, half) * 2 ** (2 - half);
    const count = {
      interior: byLevels(2),
      'boundary-facet': byLevels(1),
      'boundary-ridge': byLevels(0),
    };
    expect(count).toEqual({ interior: 24, 'boundary-facet': 96, 'boundary-ridge': 96 });
    expect(c.cells.length).toBe(16);
    expect(c.ridges!.length).toBe(
      count.interior + count['boundary-facet'] + count['boundary-ridge'],
    );
    for (const loc of ['interior', 'boundary-facet', 'boundary-ridge'] as const)
      expect(c.ridges!.filter((r) => r.location === loc).length).toBe(count[loc]);
  });

  it('all angles π/2 (cos exactly 0), 4 / 2 / 1 cells per ridge, sums 2π / π / π/2', () => {
    const cellsPer = { interior: 4, 'boundary-facet': 2, 'boundary-ridge': 1 };
    for (const r of c.ridges!) {
      expect(r.angles.length).toBe(cellsPer[r.location]);
      for (const a of r.angles) {
        expect(a.kind).toBe('ridge');
        expect(a.cos.isZero()).toBe(true);
        expect(a.angle).toBeCloseTo(Math.PI / 2, 14);
      }
      // each ridge is a square of side 1/2 with its vertex centroid as point
      expect(r.vertices.length).toBe(4);
      expect(
        r.point.filter((x) => x.equals(Rational.of(1n, 4n)) || x.equals(Rational.of(3n, 4n)))
          .length,
      ).toBe(2);
    }
    expectChecks(c);
    expectExactSums(c);
  });

  it('complexToJson reports the ridges', () => {
    const json = JSON.parse(JSON.stringify(complexToJson(c, { checks: false }))) as {
      ridges: unknown[];
    };
    expect(json.ridges.length).toBe(216);
  });
});

describe('non-face-to-face [0,1]^4: x_1 = 1/2, then only x_1 ≥ 1/2 cut by x_2 = 1/2', () => {
  const p = partitionOf(unitBox(4), [
    { label: 'L', rows: [[e(4, 0), '1/2']] },
    {
      label: 'R0',
      rows: [
        [e(4, 0, -1), '-1/2'],
        [e(4, 1), '1/2'],
      ],
    },
    {
      label: 'R1',
      rows: [
        [e(4, 0, -1), '-1/2'],
        [e(4, 1, -1), '-1/2'],
      ],
    },
  ]);
  const c = buildComplex(p, { angles: true });

  it('the T-junction ridge: L flat (π), R0 and R1 at π/2', () => {
    const t = c.ridges!.filter((r) => r.angles.some((a) => a.kind === 'flat'));
    expect(t.length).toBe(1);
    const r = t[0]!;
    expect(r.location).toBe('interior');
    expect(r.point.map(String)).toEqual(['1/2', '1/2', '1/2', '1/2']);
    expect(r.angles.map((a) => [c.cells[a.cell]!.label, a.kind, a.cos.toString()])).toEqual([
      ['L', 'flat', '-1'],
      ['R0', 'ridge', '0'],
      ['R1', 'ridge', '0'],
    ]);
    expect(r.sum).toBeCloseTo(2 * Math.PI, 14);
  });

  it('verify: angle sums right (float and exact)', () => {
    expectChecks(c);
    expectExactSums(c);
  });
});

/** A small splitter: cells of `domainRows` cut by `cuts` (each cut splits the cells it crosses). */
function splitPartition(
  domainRows: Row[],
  cuts: { w: RationalLike[]; c: RationalLike; only?: (label: string) => boolean }[],
): PartitionLike {
  let cells: { label: string; rows: Row[] }[] = [{ label: '', rows: [] }];
  for (const h of cuts) {
    const w = h.w.map((x) => Rational.from(x));
    const cc = Rational.from(h.c);
    cells = cells.flatMap((cell) => {
      if (h.only && !h.only(cell.label)) return [{ ...cell, label: cell.label + '-' }];
      const halves = (
        [
          ['0', [w, cc.neg()]],
          ['1', [w.map((x) => x.neg()), cc]],
        ] as [string, Row][]
      ).map(([bit, row]) => ({ label: cell.label + bit, rows: [...cell.rows, row] }));
      const full = halves.filter(
        (x) => polytope([...domainRows, ...x.rows]).dimension() === domainRows[0]![0].length,
      );
      return full.length === 2 ? full : [{ ...cell, label: cell.label + '-' }];
    });
  }
  return partitionOf(domainRows, cells);
}

/** A random hyperplane with small integer normal through a random point of [0.2, 0.8]^d (1/8 grid). */
function randomCut(r: () => number, d: number): { w: number[]; c: Rational } {
  for (;;) {
    const w = Array.from({ length: d }, () => Math.round(r() * 8 - 4));
    if (w.every((x) => x === 0)) continue;
    const x = Array.from({ length: d }, () =>
      Rational.of(BigInt(Math.round((0.2 + 0.6 * r()) * 8)), 8n),
    );
    const c = w.reduce((s, wk, k) => s.sub(Rational.of(BigInt(wk)).mul(x[k]!)), Rational.ZERO);
    return { w, c };
  }
}

describe('seeded random partitions of [0,1]^4', () => {
  for (const [seed, m] of [
    [1, 3],
    [7, 4],
  ] as const)
    it(`arrangement of ${m} random hyperplanes (seed ${seed}): angle sums exact`, () => {
      const r = seededRandom(seed);
      const p = splitPartition(
        unitBox(4),
        Array.from({ length: m }, () => randomCut(r, 4)),
      );
      const c = buildComplex(p, { angles: true });
      expect(c.cells.length).toBeGreaterThan(m);
      expect(c.ridges!.filter((x) => x.location === 'interior').length).toBeGreaterThan(0);
      expectChecks(c);
      expectExactSums(c);
    });

  it('tree-like splits (not face-to-face, seed 3): T-junctions, angle sums exact', () => {
    const r = seededRandom(3);
    // first cut everything, then only the cells on one side of the first cut, then one cell
    const p = splitPartition(unitBox(4), [
      randomCut(r, 4),
      { ...randomCut(r, 4), only: (l) => l.startsWith('1') },
      { ...randomCut(r, 4), only: (l) => l.startsWith('0') },
    ]);
    const c = buildComplex(p, { angles: true });
    expect(c.ridges!.some((x) => x.angles.some((a) => a.kind === 'flat'))).toBe(true);
    expectChecks(c);
    expectExactSums(c);
  });
});

describe('[0,1]^5 cut by x_1 + x_2 = 1 and x_3 = 1/2', () => {
  it('4 cells; interior ridges in the flat x_1 + x_2 = 1, x_3 = 1/2 with 4 right angles', () => {
    const p = arrangementPartition(unitBox(5), [
      { w: [1, 1, 0, 0, 0], c: -1 },
      { w: e(5, 2), c: '-1/2' },
    ]);
    const c = buildComplex(p, { angles: true });
    expect(c.cells.length).toBe(4);
    const interior = c.ridges!.filter((r) => r.location === 'interior');
    // the flat meets [0,1]^5 in one 3-polytope, a face of all 4 cells
    expect(interior.length).toBe(1);
    expect(interior[0]!.angles.map((a) => a.cos.toString())).toEqual(['0', '0', '0', '0']);
    // boundary ridges where x_1 + x_2 = 1 meets a facet of X: cos ±1/2·√2 pairs
    const slanted = c.ridges!.filter((r) =>
      r.angles.some((a) => a.cos.equals(SqrtRational.parse('1/2*sqrt(2)'))),
    );
    expect(slanted.length).toBeGreaterThan(0);
    expectChecks(c);
    expectExactSums(c);
  });
});
