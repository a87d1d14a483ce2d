import { Rational, seededRandom } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { OutsideDomainError, countPoints } from '../locate/locate.js';
import type { ReluMlpModel } from '../models.js';
import { facetAdjacency } from './adjacency.js';
import { facetAdjacencyParallel } from './face-jobs.js';
import { dataHoldingPartition, dataHoldingState, rowsOf } from './data-holding.js';
import { irredundantRows } from './irredundant.js';
import { partitionOf } from './enumerate.js';
import { arrangement, tree, specExampleD, specGrid } from './test-helpers.js';

const grid = specGrid();

const D = specExampleD();

const edgesByLabel = (p: { cells: { label: string }[] }, edges: { a: number; b: number }[]) =>
  edges.map((e) => `${p.cells[e.a]!.label}|${p.cells[e.b]!.label}`);

describe('data-holding cells (SPEC §2)', () => {
  it('SPEC §9 B: 40, 10, 15, 35 points, partial partition with n = 100', () => {
    const model = arrangement(2, [
      [[1, 0], '-1/2'],
      [[1, 1], -1],
    ]);
    const p = dataHoldingPartition(model, grid);
    expect(p.complete).toBe(false);
    expect(p.totalPoints).toBe(100);
    expect(p.cells.map((c) => c.label)).toEqual(['00', '01', '10', '11']);
    expect(p.cells.map((c) => c.dataCount)).toEqual([40, 10, 15, 35]);
    expect(p.cells[1]!.dataIndices!.length).toBe(10);
    expect(edgesByLabel(p, facetAdjacency(p).edges)).toEqual(['00|01', '00|10', '01|11', '10|11']);
  });
  it('SPEC §9 A: 00 and 11 meet in a point only, so they are not facet-adjacent', () => {
    const model = arrangement(2, [
      [[1, 0], '-1/2'],
      [[0, 1], '-1/2'],
    ]);
    const p = dataHoldingPartition(model, grid);
    expect(p.cells.map((c) => c.dataCount)).toEqual([25, 25, 25, 25]);
    expect(edgesByLabel(p, facetAdjacency(p).edges)).toEqual(['00|01', '00|10', '01|11', '10|11']);
  });
  it('SPEC §9 D: the same counts as locating the points in the full partition; 4-cycle adjacency', () => {
    const p = dataHoldingPartition(D, grid);
    const full = partitionOf(D);
    expect(p.cells.map((c) => c.label)).toEqual(['010', '011', '110', '111']);
    expect(p.cells.map((c) => c.dataCount)).toEqual(countPoints(full, D, grid).counts);
    expect(edgesByLabel(p, facetAdjacency(p).edges)).toEqual([
      '010|011',
      '010|110',
      '011|111',
      '110|111',
    ]);
    // lazily built cells carry the SPEC §2 maps
    expect(p.cells[3]!.mlp!.output.c.map(String)).toEqual(['-11/8']);
    expect(p.cells[0]!.prediction).toBe(-0.125);
  });
  it('SPEC §9 C: the three tree cells are pairwise facet-adjacent', () => {
    const model = tree(2, [
      [0, '1/2', 1, 2],
      { leaf: [0] },
      [1, '1/2', 3, 4],
      { leaf: [1] },
      { leaf: [2] },
    ]);
    const p = dataHoldingPartition(model, grid);
    expect(p.cells.map((c) => [c.label, c.dataCount])).toEqual([
      ['1', 50],
      ['3', 25],
      ['4', 25],
    ]);
    expect(edgesByLabel(p, facetAdjacency(p).edges)).toEqual(['1|3', '1|4', '3|4']);
  });
  it('three strips of a tree: the outer two share a split hyperplane but no face (exact LP)', () => {
    const model = tree(2, [
      [0, '1/3', 1, 2],
      { leaf: [0] },
      [0, '2/3', 3, 4],
      { leaf: [1] },
      { leaf: [2] },
    ]);
    const p = dataHoldingPartition(model, grid);
    const adj = facetAdjacency(p);
    expect(edgesByLabel(p, adj.edges)).toEqual(['1|3', '3|4']);
    expect(adj.exactLPs).toBeGreaterThan(0);
  });
  it('a tie whose label names no cell goes to the lowest full-dimensional candidate (LP)', () => {
    const model = arrangement(1, [
      [[1], '-1/2'],
      [[-1], '1/2'],
    ]);
    const p = dataHoldingPartition(model, [['1/2'], ['1/4']]);
    expect(p.cells.map((c) => [c.label, c.dataCount])).toEqual([['01', 2]]);
  });
  it('a tree point on a flat leaf goes to the full-dimensional leaf (exact LP)', () => {
    const model = tree(2, [[0, 0, 1, 2], { leaf: [0] }, { leaf: [1] }]);
    const p = dataHoldingPartition(model, [
      [0, 0.5],
      [0.5, 0.5],
    ]);
    expect(p.cells.map((c) => [c.label, c.dataCount])).toEqual([['2', 2]]);
  });
  it('irredundant: only facet constraints enter the cell polytopes', () => {
    const p = dataHoldingPartition(D, grid, { irredundant: true });
    const state = dataHoldingState(p)!;
    // cell 010 = [0,1/2]×[0,3/4]: rows x ≤ 1/2, y ≥ −1/4 (positive on X), y ≤ 3/4 (layer 2) and
    // the four domain rows; y ≥ −1/4, x ≤ 1 and y ≤ 1 are redundant
    const rows = rowsOf(state, '010').rows;
    expect(rows.length).toBe(7);
    const facets = irredundantRows([...rows, rows[0]!]); // a duplicate is dropped too
    const asText = facets.map((g) => `${g.w.join(' ')} | ${g.c}`).sort();
    expect(asText).toEqual(['-1 0 | 0', '0 -1 | 0', '0 4 | -3', '2 0 | -1']);
    expect(p.cells[0]!.polytope.facets().length).toBe(4);
  });
  it('points outside X: error, or counted as outside', () => {
    const model = arrangement(2, [[[1, 0], '-1/2']]);
    expect(() =>
      dataHoldingPartition(model, [
        [0.5, 0.5],
        [1.5, 0],
      ]),
    ).toThrow(OutsideDomainError);
    const p = dataHoldingPartition(
      model,
      [
        [0.25, 0.5],
        [1.5, 0],
        [1, 1],
      ],
      { skipOutside: true },
    );
    expect(p.outside).toBe(1);
    expect(p.totalPoints).toBe(2);
    expect(p.cells.map((c) => c.dataCount)).toEqual([1, 1]);
  });
  it('Voronoi data cells and their adjacency', () => {
    const model = {
      kind: 'voronoi' as const,
      inputDimension: 2,
      sites: [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.5, 0.9],
      ].map((s) => s.map((x) => Rational.fromDouble(x))),
    };
    const p = dataHoldingPartition(model, grid);
    expect(p.cells.map((c) => c.label)).toEqual(['0', '1', '2']);
    expect(edgesByLabel(p, facetAdjacency(p).edges)).toEqual(['0|1', '0|2', '1|2']);
  });
});

/** Oracle: two closed convex polygons with disjoint interiors share a segment iff at least two
 * distinct vertices of one lie in the closure of the other (checked on the exact vertices). */
function polygonsShareSegment(
  va: Rational[][],
  vb: Rational[][],
  inA: (x: Rational[]) => boolean,
  inB: (x: Rational[]) => boolean,
): boolean {
  const pts = new Set<string>();
  for (const v of va) if (inB(v)) pts.add(v.join(','));
  for (const v of vb) if (inA(v)) pts.add(v.join(','));
  return pts.size >= 2;
}

function randomMlp(seed: number, width: number): ReluMlpModel {
  const rnd = seededRandom(seed);
  const r = () => Rational.fromFloat32(rnd() * 2 - 1);
  const layer = (n: number, m: number) => ({
    weights: Array.from({ length: m }, () => Array.from({ length: n }, r)),
    bias: Array.from({ length: m }, () => Rational.fromFloat32((rnd() * 2 - 1) * 0.5)),
  });
  return {
    kind: 'mlp',
    inputDimension: 2,
    layers: [layer(2, width), layer(width, width), layer(width, 1)],
  };
}

describe('facet adjacency against an independent 2-D oracle', () => {
  it('random 2→5→5→1 nets: one-bit candidates + LP = polygon contact of the enumerated cells', () => {
    for (const seed of [1, 2, 3]) {
      const model = randomMlp(seed, 5);
      const full = partitionOf(model);
      // one data point per enumerated cell (its vertex average) plus a fine grid
      const pts: Rational[][] = full.cells.map((c) => {
        const v = c.vertices!;
        return v[0]!.map((_, k) => Rational.sum(v.map((x) => x[k]!)).div(Rational.of(v.length)));
      });
      const p = dataHoldingPartition(model, pts);
      expect(p.cells.map((c) => c.label)).toEqual(full.cells.map((c) => c.label));
      const got = new Set(edgesByLabel(p, facetAdjacency(p).edges));
      const member = (i: number) => {
        const f = full.cells[i]!.polytope.facets();
        return (x: Rational[]) =>
          f.every((r) => Rational.sum(r.a.map((a, k) => a.mul(x[k]!))).cmp(r.b) <= 0);
      };
      const expected = new Set<string>();
      for (let i = 0; i < full.cells.length; i++)
        for (let j = i + 1; j < full.cells.length; j++) {
          const li = full.cells[i]!.label;
          const lj = full.cells[j]!.label;
          let diff = 0;
          for (let k = 0; k < li.length; k++) if (li[k] !== lj[k]) diff++;
          if (
            polygonsShareSegment(
              full.cells[i]!.vertices!,
              full.cells[j]!.vertices!,
              member(i),
              member(j),
            )
          ) {
            expect(diff).toBe(1); // generic nets: neighbours across a facet differ in one bit
            expected.add(`${li}|${lj}`);
          }
        }
      expect([...got].sort()).toEqual([...expected].sort());
    }
  });
  it('two worker threads give the same edges as one thread', async () => {
    const model = randomMlp(4, 6);
    const rnd = seededRandom(9);
    const pts = Array.from({ length: 300 }, () => [rnd(), rnd()]);
    const p = dataHoldingPartition(model, pts);
    const one = facetAdjacency(p);
    const two = await facetAdjacencyParallel(p, model, { workers: 2 });
    expect(two.edges).toEqual(one.edges);
    expect(one.edges.length).toBeGreaterThan(0);
  });
});

describe('64-dimensional data-holding cells', () => {
  it('200 points through a random 64→16→16→3 net: groups by pattern, counts add up', () => {
    const rnd = seededRandom(5);
    const r = () => Rational.fromFloat32(rnd() * 2 - 1);
    const layer = (n: number, m: number) => ({
      weights: Array.from({ length: m }, () => Array.from({ length: n }, r)),
      bias: Array.from({ length: m }, r),
    });
    const model: ReluMlpModel = {
      kind: 'mlp',
      inputDimension: 64,
      layers: [layer(64, 16), layer(16, 16), layer(16, 3)],
    };
    const pts = Array.from({ length: 200 }, () => Array.from({ length: 64 }, () => rnd()));
    const p = dataHoldingPartition(model, pts);
    expect(p.cells.reduce((s, c) => s + c.dataCount!, 0)).toBe(200);
    // labels are distinct and sorted, each point's label is its cell's label
    const labels = p.cells.map((c) => c.label);
    expect([...labels].sort()).toEqual(labels);
    expect(new Set(labels).size).toBe(labels.length);
    const adj = facetAdjacency(p);
    for (const e of adj.edges) {
      const a = labels[e.a]!;
      const b = labels[e.b]!;
      expect([...a].filter((ch, k) => ch !== b[k]).length).toBe(1);
    }
  });

  it('points as rationals on and just beyond the unit box: closed box decided exactly', () => {
    // 1 + 10^-20 rounds to the double 1, so only the exact comparison can reject it
    const model = randomMlp(3, 4);
    const onBoundary = [
      ['0', '1/2'],
      ['1', '0'],
      ['0.25', '1'],
    ];
    expect(dataHoldingPartition(model, onBoundary).totalPoints).toBe(3);
    expect(() => dataHoldingPartition(model, [['1.00000000000000000001', '0.5']])).toThrow(
      OutsideDomainError,
    );
    expect(() => dataHoldingPartition(model, [['0.5', '-1e-30']])).toThrow(OutsideDomainError);
    const p = dataHoldingPartition(
      model,
      [
        ['0.5', '0.5'],
        ['0.5', '-1e-30'],
      ],
      { skipOutside: true },
    );
    expect(p.outside).toBe(1);
  });
});
