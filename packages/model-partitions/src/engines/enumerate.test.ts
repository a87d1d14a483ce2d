import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { partitionOf } from './enumerate.js';
import {
  R,
  arrangement,
  polygonArea,
  polygonCentroid,
  tree,
  specExampleD,
} from './test-helpers.js';

const str = (xs: Rational[]) => xs.map((x) => x.toString());

describe('SPEC §9 A and B (arrangements)', () => {
  it('A: four quarter squares', () => {
    const p = partitionOf(
      arrangement(2, [
        [[1, 0], '-1/2'],
        [[0, 1], '-1/2'],
      ]),
    );
    expect(p.cells.map((c) => c.label)).toEqual(['00', '01', '10', '11']);
    for (const c of p.cells) expect(polygonArea(c.vertices!).toString()).toBe('1/4');
  });

  it('B: areas 3/8, 1/8, 1/8, 3/8 and the SPEC centroids', () => {
    for (const predicates of ['exact', 'filtered'] as const) {
      const p = partitionOf(
        arrangement(2, [
          [[1, 0], '-1/2'],
          [[1, 1], -1],
        ]),
        { predicates },
      );
      expect(p.cells.map((c) => c.label)).toEqual(['00', '01', '10', '11']);
      expect(p.cells.map((c) => polygonArea(c.vertices!).toString())).toEqual([
        '3/8',
        '1/8',
        '1/8',
        '3/8',
      ]);
      expect(p.cells.map((c) => str(polygonCentroid(c.vertices!)))).toEqual([
        ['2/9', '7/18'],
        ['1/3', '5/6'],
        ['2/3', '1/6'],
        ['7/9', '11/18'],
      ]);
    }
  });
});

describe('SPEC §9 C (decision tree)', () => {
  it('cells 1, 3, 4 with areas 1/2, 1/4, 1/4', () => {
    const t = tree(2, [
      [0, '1/2', 1, 2],
      { leaf: [0] },
      [1, '1/2', 3, 4],
      { leaf: [1] },
      { leaf: [2] },
    ]);
    const p = partitionOf(t);
    expect(p.cells.map((c) => c.label)).toEqual(['1', '3', '4']);
    expect(p.cells.map((c) => polygonArea(c.vertices!).toString())).toEqual(['1/2', '1/4', '1/4']);
    expect(p.cells.map((c) => c.prediction)).toEqual([0, 1, 2]);
  });
});

describe('SPEC §9 D (ReLU MLP 2→2→1→1)', () => {
  const D = specExampleD();
  it('cells 010, 011, 110, 111 with SPEC areas, centroids and output maps', () => {
    for (const predicates of ['exact', 'filtered'] as const) {
      const p = partitionOf(D, { predicates });
      expect(p.cells.map((c) => c.label)).toEqual(['010', '011', '110', '111']);
      expect(p.cells.map((c) => polygonArea(c.vertices!).toString())).toEqual([
        '3/8',
        '1/8',
        '1/4',
        '1/4',
      ]);
      expect(p.cells.map((c) => str(polygonCentroid(c.vertices!)))).toEqual([
        ['1/4', '3/8'],
        ['1/4', '7/8'],
        ['17/24', '13/48'],
        ['19/24', '35/48'],
      ]);
      // output: −1/8 on 010 and 110, y − 7/8 on 011, x + y − 11/8 on 111
      const out = p.cells.map((c) => [...str(c.mlp!.output.A[0]!), c.mlp!.output.c[0]!.toString()]);
      expect(out).toEqual([
        ['0', '0', '-1/8'],
        ['0', '1', '-7/8'],
        ['0', '0', '-1/8'],
        ['1', '1', '-11/8'],
      ]);
      // the constant unit (second of layer 1, y + 1/4 > 0 on X) gives bit 1 and no constraint
      expect(p.cells.every((c) => c.mlp!.pattern[0]![1] === true)).toBe(true);
      expect(p.cells[0]!.prediction).toBe(-0.125);
    }
  });
  it('layer maps follow the SPEC §2 recursion', () => {
    const cell = partitionOf(D).cells.find((c) => c.label === '111')!;
    const [z1, z2] = cell.mlp!.layerMaps;
    expect(z1!.A.map(str)).toEqual([
      ['1', '0'],
      ['0', '1'],
    ]);
    expect(str(z1!.c)).toEqual(['-1/2', '1/4']);
    expect(z2!.A.map(str)).toEqual([['1', '1']]);
    expect(str(z2!.c)).toEqual(['-5/4']);
  });
});

describe('trees and forests', () => {
  it('a tree whose split lies outside X keeps only the leaf that meets X', () => {
    const t = tree(2, [[0, 2, 1, 2], { leaf: [5] }, { leaf: [6] }]);
    expect(partitionOf(t).cells.map((c) => c.label)).toEqual(['1']);
  });
  it('a split on the domain boundary drops the flat leaf', () => {
    const t = tree(2, [[1, 1, 1, 2], { leaf: [5] }, { leaf: [6] }]);
    expect(partitionOf(t).cells.map((c) => c.label)).toEqual(['1']);
  });
  it('leaf boxes of a hand-built tree', () => {
    // x0 ≤ 1/4 → [leaf 1 | node 2: x1 ≤ 3/4 → [node 3: x0 ≤ 1/2 → leaves 4 | 5] | leaf 6]
    const t = tree(2, [
      [0, '1/4', 1, 2],
      { leaf: [1] },
      [1, '3/4', 3, 6],
      [0, '1/2', 4, 5],
      { leaf: [4] },
      { leaf: [5] },
      { leaf: [6] },
    ]);
    const p = partitionOf(t);
    const bounds = p.cells.map((c) => {
      const xs = c.vertices!.map((v) => v[0]!);
      const ys = c.vertices!.map((v) => v[1]!);
      const lo = (a: Rational[]) => a.reduce((m, x) => Rational.min(m, x)).toString();
      const hi = (a: Rational[]) => a.reduce((m, x) => Rational.max(m, x)).toString();
      return [c.label, lo(xs), hi(xs), lo(ys), hi(ys)];
    });
    expect(bounds).toEqual([
      ['1', '0', '1/4', '0', '1'],
      ['4', '1/4', '1/2', '0', '3/4'],
      ['5', '1/2', '1', '0', '3/4'],
      ['6', '1/4', '1', '3/4', '1'],
    ]);
  });
  it('a forest of two trees is their common refinement, labels joined by "."', () => {
    const t1 = tree(2, [[0, '1/2', 1, 2], { leaf: [1] }, { leaf: [3] }]);
    const t2 = tree(2, [[1, '1/3', 1, 2], { leaf: [10] }, { leaf: [20] }]);
    const p = partitionOf({
      kind: 'forest',
      inputDimension: 2,
      trees: [t1, t2],
      aggregate: 'mean',
      task: 'regression',
    });
    expect(p.cells.map((c) => c.label)).toEqual(['1.1', '1.2', '2.1', '2.2']);
    expect(p.cells.map((c) => polygonArea(c.vertices!).toString())).toEqual([
      '1/6',
      '1/3',
      '1/6',
      '1/3',
    ]);
    expect(p.cells.map((c) => c.prediction)).toEqual([5.5, 10.5, 6.5, 11.5]);
  });
  it('forest labels sort componentwise numerically (2 before 10)', () => {
    const big = tree(2, [
      [0, '1/2', 2, 10],
      { leaf: [0] },
      { leaf: [0] },
      { leaf: [0] },
      { leaf: [0] },
      { leaf: [0] },
      { leaf: [0] },
      { leaf: [0] },
      { leaf: [0] },
      { leaf: [0] },
      { leaf: [0] },
    ]);
    const p = partitionOf({
      kind: 'forest',
      inputDimension: 2,
      trees: [big],
      aggregate: 'sum',
      task: 'regression',
    });
    expect(p.cells.map((c) => c.label)).toEqual(['2', '10']);
  });
});

describe('Voronoi and linear classifiers', () => {
  it('Voronoi cells of four sites: areas sum to 1, each cell is closer to its site', () => {
    const sites = [
      [0.2, 0.2],
      [0.8, 0.3],
      [0.5, 0.9],
      [0.1, 0.7],
    ];
    const p = partitionOf({
      kind: 'voronoi',
      inputDimension: 2,
      sites: sites.map((s) => s.map(R)),
    });
    expect(p.cells.map((c) => c.label)).toEqual(['0', '1', '2', '3']);
    expect(Rational.sum(p.cells.map((c) => polygonArea(c.vertices!))).toString()).toBe('1');
    for (const c of p.cells) {
      const i = Number(c.label);
      for (const v of c.vertices!) {
        const dist = (s: number[]) =>
          v.reduce((acc, x, k) => acc.add(x.sub(R(s[k]!)).mul(x.sub(R(s[k]!)))), Rational.ZERO);
        for (const s of sites) expect(dist(sites[i]!).cmp(dist(s))).toBeLessThanOrEqual(0);
      }
    }
  });
  it('a duplicate site gives its cell to the lower index', () => {
    const p = partitionOf({
      kind: 'voronoi',
      inputDimension: 2,
      sites: [
        [R(0.25), R(0.5)],
        [R(0.75), R(0.5)],
        [R(0.25), R(0.5)],
      ],
    });
    expect(p.cells.map((c) => c.label)).toEqual(['0', '1']);
  });
  it('linear classifier regions', () => {
    // scores x, y, 1/2: regions x ≥ y, x ≥ 1/2 | y > x, y ≥ 1/2 | x, y ≤ 1/2
    const p = partitionOf({
      kind: 'linear',
      inputDimension: 2,
      weights: [
        [R(1), R(0)],
        [R(0), R(1)],
        [R(0), R(0)],
      ],
      bias: [R(0), R(0), R('1/2')],
    });
    expect(p.cells.map((c) => c.label)).toEqual(['0', '1', '2']);
    expect(p.cells.map((c) => polygonArea(c.vertices!).toString())).toEqual(['3/8', '3/8', '1/4']);
  });
});
