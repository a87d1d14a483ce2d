/**
 * Issue 11: the 3-D float complex on point identities (float3d.ts) against the exact complex on
 * seeded random ReLU MLP partitions (built independently of @mlgeo/model-partitions) and on a
 * partition that is not face-to-face: identical simplices, shared faces (cells, hyperplanes,
 * vertex sets), ridges (exact end points, location, expected cosine, per cell the facets and the
 * kind of angle), dimensions of every I(σ); the float ridges come from the cell edges exactly
 * when the cells form a polyhedral complex.
 */
import { describe, expect, it } from 'vitest';
import { buildComplex } from './complex.js';
import { readCells } from './cells.js';
import { isEdgeRidge, refinedCellMeasures, roundedExactMeasures } from './float3d.js';
import { HyperplaneIds } from './float-points.js';
import { mlpPartition, randomLayers } from './mlp.test-helper.js';
import { slabPartition } from './partitions.test-helper.js';
import type { PartitionLike, RiemannianComplex } from './types.js';
import { Rational } from '@mlgeo/exact-arith';

const pointKey = (p: readonly Rational[]) => p.map(String).join(',');
const setKey = (ps: readonly (readonly Rational[])[]) => ps.map(pointKey).sort().join(' | ');

function ridgeView(c: RiemannianComplex) {
  return c.ridges!.map((r) => ({
    vertices: r.vertices.map(pointKey),
    point: pointKey(r.point),
    location: r.location,
    expectedCos: r.expectedCos.toString(),
    angles: r.angles.map((a) => [a.cell, a.kind, a.facets.join(',')]),
  }));
}

function sameCombinatorics(partition: () => PartitionLike): RiemannianComplex {
  const exact = buildComplex(partition());
  const float = buildComplex(partition(), { measures: 'float' });
  expect(float.simplices).toEqual(exact.simplices);
  expect(
    float.sharedFaces.map((f) => [f.i, f.j, f.hyperplane.a.join(','), f.hyperplane.b]),
  ).toEqual(exact.sharedFaces.map((f) => [f.i, f.j, f.hyperplane.a.join(','), f.hyperplane.b]));
  expect(float.sharedFaces.map((f) => setKey(f.vertices))).toEqual(
    exact.sharedFaces.map((f) => setKey(f.vertices)),
  );
  expect(float.intersections.map((l) => l.map((I) => I.dimension))).toEqual(
    exact.intersections.map((l) => l.map((I) => I.dimension)),
  );
  expect(ridgeView(float)).toEqual(ridgeView(exact));
  return float;
}

describe('3-D float complex = exact complex (float3d.ts)', () => {
  const nets: [number[], number, number][] = [
    [[3, 5, 4, 1], 11, 0],
    [[3, 4, 6, 1], 12, -1],
    [[3, 6, 3, 1], 13, 0],
    [[3, 5, 5, 1], 14, -1],
  ];
  for (const [sizes, seed, lo] of nets)
    it(`${sizes.join('→')} seed ${seed} on [${lo},1]³: same simplices, faces, ridges; edge ridges`, () => {
      const layers = randomLayers(sizes, seed);
      const float = sameCombinatorics(() => mlpPartition(layers, lo, 1));
      expect(float.cells.length).toBeGreaterThan(8);
      expect(float.ridges!.length).toBeGreaterThan(0);
      // an MLP partition is face-to-face: ridges straight from the cell edges
      expect(float.ridges!.every(isEdgeRidge)).toBe(true);
    }, 120_000);

  it('slabs crossing on z = 1/2 (not face-to-face): the exact edge arrangement, same result', () => {
    const slabs = slabPartition;
    const float = sameCombinatorics(slabs);
    expect(float.ridges!.some(isEdgeRidge)).toBe(false);
    // flat angles where the two ridge lines cross
    expect(float.ridges!.some((r) => r.angles.some((a) => a.kind === 'flat'))).toBe(true);
  });

  it('3-D ridges come ordered by first cell, its facets, then along their line (both paths)', () => {
    const layers = randomLayers([3, 4, 4, 1], 15);
    for (const measures of ['exact', 'float'] as const) {
      const r = buildComplex(mlpPartition(layers, 0, 1), { measures }).ridges!;
      for (let t = 1; t < r.length; t++) {
        const a = r[t - 1]!.angles[0]!;
        const b = r[t]!.angles[0]!;
        const key = (x: typeof a) => [x.cell, ...x.facets, -1];
        const ka = key(a);
        const kb = key(b);
        let cmp = 0;
        for (let k = 0; k < Math.min(ka.length, kb.length) && cmp === 0; k++) cmp = ka[k]! - kb[k]!;
        expect(cmp).toBeLessThanOrEqual(0);
      }
    }
  });

  it('solved vertices and refined cell measures (exact fan differences) hold the exact values', () => {
    // every cell, not only the loose ones the metric refines: the bound is a proof, so it must
    // hold on all of them (two seeded nets on [0,1]³ and [-1,1]³, and the slabs)
    const within = (value: number, error: number, exact: Rational) =>
      Rational.fromDouble(value).sub(exact).abs().cmp(Rational.fromDouble(error)) <= 0;
    const partitions: PartitionLike[] = [
      mlpPartition(randomLayers([3, 5, 4, 1], 11), 0, 1),
      mlpPartition(randomLayers([3, 4, 6, 1], 12), -1, 1),
      slabPartition(),
    ];
    let tight = 0;
    for (const p of partitions) {
      const cells = readCells(p, 3, undefined, new HyperplaneIds());
      for (const cell of cells) {
        const m = refinedCellMeasures(cell)!;
        expect(m).not.toBeNull();
        expect(within(m.volume.value, m.volume.error, cell.volume)).toBe(true);
        cell.centroid.forEach((c, k) =>
          expect(within(m.centroid.value[k]!, m.centroid.error[k]!, c)).toBe(true),
        );
        // the solved float vertices (float-points.ts vertex3) hold the exact vertices
        const fv = cell.float!;
        cell.vertices.forEach((x, t) =>
          x.forEach((c, k) => expect(within(fv.points[t]![k]!, fv.radius[t]!, c)).toBe(true)),
        );
        // tight enough to be the tier before the exact measures (not the exact measures rounded)
        if (m.volume.error > 2 ** -52 * Math.abs(m.volume.value)) tight++;
      }
    }
    expect(tight).toBeGreaterThan(0);
  });

  it('rounded exact measures from the integer fan = the exact volume and centroid rounded', () => {
    const partitions: PartitionLike[] = [
      mlpPartition(randomLayers([3, 5, 4, 1], 11), 0, 1),
      mlpPartition(randomLayers([3, 6, 3, 1], 13), 0, 1),
      slabPartition(),
    ];
    for (const p of partitions)
      for (const cell of readCells(p, 3, undefined, new HyperplaneIds())) {
        const m = roundedExactMeasures(cell);
        // read first: the volume is then the fan's, not the cell's exact volume rounded later
        expect(m.volume.value).toBe(cell.volume.toNumber());
        expect(m.centroid.value).toEqual(cell.centroid.map((c) => c.toNumber()));
      }
  });
});
