/**
 * Geometry over checkpoints on SPEC §9 D: the data-holding 4-cycle (average degree 2), the two cells
 * the decision boundary crosses (011: y = 7/8; 111: x + y = 11/8, both with grid points on either
 * side), the angles 45°…135° at the bend; and a checkpoint whose output is negative everywhere.
 * Property: the facet-adjacency graph of data-holding cells has average degree ≤ 2d (d = 2: it is
 * bipartite — neighbours differ in one activation bit — and planar, so E ≤ 2V − 4; d = 3 and the
 * full partitions: the bound of the issue), checked on random nets and random points.
 */
import { Rational } from '@mlgeo/exact-arith';
import { dataHoldingPartition, facetAdjacency, partitionOf } from '@mlgeo/model-partitions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUANTILE_KEYS, TRACKED_QUANTITIES, geometryCsv, trackGeometry } from './track.js';
import { arbitraryMlp, specD } from './test-helpers.js';

const grid: string[][] = [];
for (let a = 0; a < 10; a++)
  for (let b = 0; b < 10; b++) grid.push([`${2 * a + 1}/20`, `${2 * b + 1}/20`]);

/** SPEC §9 D by hand: f(x, y) = relu(relu(x − 1/2) + relu(y + 1/4) − 1) − 1/8. */
function specDOutput([x, y]: number[]): number {
  const relu = (v: number) => Math.max(0, v);
  return relu(relu(x! - 0.5) + relu(y! + 0.25) - 1) - 0.125;
}

describe('trackGeometry', () => {
  const negative = specD();
  negative.layers[2]!.bias[0] = Rational.of(-10);
  const labels = grid.map(() => 1);
  const rows = trackGeometry(
    [
      { name: 'epoch-1', model: specD() },
      { name: 'epoch-2', model: negative },
    ],
    grid,
    { labels },
  );

  it('SPEC §9 D: 4 data cells in a 4-cycle, the boundary crosses 011 and 111', () => {
    expect(rows[0]).toMatchObject({
      name: 'epoch-1',
      points: 100,
      dataHoldingCells: 4,
      dataEdges: 4,
      averageDataDegree: 2,
      boundaryDataCells: 2,
      deadUnits: 0,
      cells: 4,
      boundaryCells: 2,
      sliverCells: 0,
      sliverPenalty: 0,
    });
    // boundary: y = 7/8 on 0 ≤ x ≤ 1/2 (length 1/2), x + y = 11/8 on 1/2 ≤ x ≤ 1 (length √2/2)
    expect(rows[0]!.boundaryVolume).toBeCloseTo(0.5 + Math.SQRT1_2, 12);
    expect(rows[0]!.cellVolume).toMatchObject({ min: 0.125, max: 0.375, median: 0.25 });
    expect(rows[0]!.angleDegrees!.min).toBeCloseTo(45, 10);
    expect(rows[0]!.angleDegrees!.max).toBeCloseTo(135, 10);
    expect(rows[1]!.boundaryDataCells).toBe(0);
    expect(rows[1]!.boundaryCells ?? 0).toBe(0);
    expect(rows[1]!.dataHoldingCells).toBe(4);
  });

  it('accuracy is the fraction of points with f > 0 (labels all 1), exact', () => {
    const positive = grid.filter(
      (p) => specDOutput(p.map((v) => Rational.parse(v).toNumber())) > 0,
    );
    expect(rows[0]!.accuracy).toBe(positive.length / grid.length);
    expect(rows[1]!.accuracy).toBe(0);
    expect(rows[0]!.tiers.accuracy).toBe('exact');
  });

  it('every value present has a tier; angles are float, counts and volumes exact', () => {
    for (const row of rows)
      for (const key of TRACKED_QUANTITIES)
        expect(row[key] === undefined, key).toBe(row.tiers[key] === undefined);
    expect(rows[0]!.tiers).toMatchObject({
      cells: 'exact',
      cellVolume: 'exact',
      averageDataDegree: 'exact',
      angleDegrees: 'float',
      boundaryVolume: 'float',
    });
    // exact forms of non-integer exact values
    expect(rows[0]!.exact['cellVolume.min']).toBe('1/8');
  });

  it('a sliver volume above the smallest cell counts it, with the exact penalty', () => {
    const [row] = trackGeometry([{ name: 'd', model: specD() }], grid, { sliverVolume: '1/4' });
    // volumes 1/8, 1/4, 1/4, 3/8 (two cells of 1/4: not below) → one sliver, (1/4 − 1/8)² = 1/64
    const volumes = [0.125, 0.25, 0.25, 0.375];
    expect(row!.sliverCells).toBe(volumes.filter((v) => v < 0.25).length);
    expect(row!.sliverPenalty).toBe(1 / 64);
    expect(row!.exact.sliverPenalty).toBe('1/64');
  });

  it('without points only the full partition is tracked', () => {
    const [row] = trackGeometry([{ name: 'd', model: specD() }], []);
    expect(row!.dataHoldingCells).toBeUndefined();
    expect(row!.cells).toBe(4);
  });

  it('CSV: a header and one line per checkpoint', () => {
    const csv = geometryCsv(rows).trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[0]!.split(',').slice(0, 6)).toEqual([
      'name',
      'dataHoldingCells',
      'dataEdges',
      'averageDataDegree',
      'boundaryDataCells',
      'cells',
    ]);
    expect(csv[1]!.startsWith('epoch-1,4,4,2,2,4,0.125,')).toBe(true);
    expect(csv[0]!.split(',')).toHaveLength(csv[1]!.split(',').length);
    expect(QUANTILE_KEYS).toHaveLength(5);
  });
});

/** Random rational points in the unit cube (denominators 997: off the quarter-integer planes). */
const arbitraryPoints = (d: number) =>
  fc.array(
    fc.array(
      fc.integer({ min: 1, max: 996 }).map((v) => `${v}/997`),
      {
        minLength: d,
        maxLength: d,
      },
    ),
    { minLength: 1, maxLength: 40 },
  );

describe('average degree of the data-holding adjacency graph ≤ 2d (property)', () => {
  for (const [d, widths, runs] of [
    [2, [4, 3], 40],
    [3, [4, 2], 15],
  ] as const) {
    it(`d = ${d}: data-holding cells and the full partition`, () => {
      fc.assert(
        fc.property(arbitraryMlp(d, [...widths]), arbitraryPoints(d), (model, points) => {
          const [row] = trackGeometry([{ name: 'r', model }], points, { full: false });
          expect(row!.averageDataDegree).toBeLessThanOrEqual(2 * d);
          // d = 2: bipartite and planar, so E ≤ 2V − 4 once V ≥ 3 (strictly below 4)
          if (d === 2 && row!.dataHoldingCells! >= 3)
            expect(row!.dataEdges).toBeLessThanOrEqual(2 * row!.dataHoldingCells! - 4);
          // the full partition: one point (its centroid) in every cell makes every cell hold data
          const centroids = partitionOf(model, { predicates: 'filtered' }).cells.map((c) =>
            c.polytope.centroid(),
          );
          const full = dataHoldingPartition(model, centroids, { predicates: 'filtered' });
          expect(full.cells).toHaveLength(centroids.length);
          const edges = facetAdjacency(full).edges;
          expect(2 * edges.length).toBeLessThanOrEqual(2 * d * full.cells.length);
          // neighbours differ in the bit of the unit whose bent hyperplane separates them
          for (const e of edges)
            expect(full.cells[e.a]!.label[e.position]).not.toBe(full.cells[e.b]!.label[e.position]);
        }),
        { numRuns: runs, seed: 15 },
      );
    });
  }
});
