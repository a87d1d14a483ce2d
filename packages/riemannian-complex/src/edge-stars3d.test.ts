/**
 * Issue 11 (session 10): the 3-D ridges of a polyhedral complex straight from the cell edges
 * (edge-stars3d.ts) against the exact edge arrangement with a point location per ridge
 * (edges3d.ts + starOf) — an independent construction — on seeded random ReLU MLP partitions;
 * null (the arrangement decides) on the slabs that are not face-to-face.
 */
import { describe, expect, it } from 'vitest';
import type { Rational } from '@mlgeo/exact-arith';
import { facetInfos, readCells } from './cells.js';
import { edgeStars3 } from './edge-stars3d.js';
import { edgeArrangement3d } from './edges3d.js';
import { mlpPartition, randomLayers } from './mlp.test-helper.js';
import { slabPartition } from './partitions.test-helper.js';
import { findSharedFaces } from './shared-faces.js';
import { cellGrid, starOf } from './simplices.js';

const key = (p: readonly Rational[]) => p.map(String).join(',');

describe('edgeStars3 = edge arrangement + point location (exact, 3-D)', () => {
  const nets: [number[], number, number][] = [
    [[3, 5, 4, 1], 11, 0],
    [[3, 4, 6, 1], 12, -1],
    [[3, 6, 3, 1], 13, 0],
    [[3, 5, 5, 1], 21, -1],
  ];
  for (const [sizes, seed, lo] of nets)
    it(`${sizes.join('→')} seed ${seed} on [${lo},1]³: same ridges, cells and tight facets`, () => {
      const p = mlpPartition(randomLayers(sizes, seed), lo, 1);
      const cells = readCells(p, 3);
      const fast = edgeStars3(cells, facetInfos(p.domain));
      expect(fast).not.toBeNull();
      const grid = cellGrid(cells);
      const view = (s: {
        vertices: Rational[][];
        star: { point: Rational[]; cells: number[]; tight: number[][] };
      }) =>
        [
          s.vertices.map(key).join(' | '),
          key(s.star.point),
          s.star.cells.join(','),
          s.star.tight.map((t) => t.join(',')).join(';'),
        ].join(' / ');
      const reference = edgeArrangement3d(cells).ridges.map(({ vertices, point }) =>
        view({ vertices, star: starOf(point, grid, cells) }),
      );
      expect(fast!.map(view).sort()).toEqual(reference.sort());
      expect(reference.length).toBeGreaterThan(20);
    }, 120_000);

  it('the crossing slabs are not a polyhedral complex: null', () => {
    const p = slabPartition();
    expect(edgeStars3(readCells(p, 3), facetInfos(p.domain))).toBeNull();
  });

  it('exact whole-facet shared faces = Polytope.intersect (pairs, vertex sets, areas)', () => {
    for (const [sizes, seed, lo] of [
      [[3, 5, 4, 1], 11, 0],
      [[3, 4, 6, 1], 12, -1],
    ] as const) {
      const cells = readCells(mlpPartition(randomLayers([...sizes], seed), lo, 1), 3);
      const fast = findSharedFaces(cells, 3);
      const generic = findSharedFaces(cells, 3, { generic: true });
      expect(fast.map((f) => [f.i, f.j])).toEqual(generic.map((f) => [f.i, f.j]));
      fast.forEach((f, k) => {
        expect(f.volume.equals(generic[k]!.volume)).toBe(true);
        expect(f.vertices.map(key).sort()).toEqual(generic[k]!.vertices.map(key).sort());
        expect(f.hyperplane).toEqual(generic[k]!.hyperplane);
      });
    }
  }, 120_000);
});
