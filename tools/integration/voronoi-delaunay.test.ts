/**
 * Issue 3 oracle: the adjacency complex of a Voronoi partition (model-partitions → riemannian-complex)
 * has exactly the Delaunay edges whose Voronoi edge survives clipping to the domain (SPEC §4), as
 * reported independently by d3-delaunay's `voronoi.neighbors` for random 2-D sites.
 */
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import { partitionOf, type VoronoiModel } from '@mlgeo/model-partitions';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { Delaunay } from 'd3-delaunay';
import { describe, expect, test } from 'vitest';

/** Sites on a 1/1024 grid: exact in float, and d3's float predicates see the same configuration. */
function randomSites(seed: number, count: number): number[][] {
  const random = seededRandom(seed);
  const sites: number[][] = [];
  const seen = new Set<string>();
  while (sites.length < count) {
    const site = [Math.floor(random() * 1024) / 1024, Math.floor(random() * 1024) / 1024];
    const key = site.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    sites.push(site);
  }
  return sites;
}

function sortedEdges(edges: Iterable<[number, number]>): string[] {
  return [...edges].map(([i, j]) => (i < j ? `${i}-${j}` : `${j}-${i}`)).sort();
}

describe('Voronoi adjacency = Delaunay edges clipped to [0,1]² (d3-delaunay oracle)', () => {
  for (const [seed, count] of [
    [1, 5],
    [2, 12],
    [3, 30],
    [4, 60],
  ] as const) {
    test(`seed ${seed}, ${count} sites`, () => {
      const sites = randomSites(seed, count);
      const model: VoronoiModel = {
        kind: 'voronoi',
        inputDimension: 2,
        sites: sites.map((s) => s.map((x) => Rational.fromDouble(x))),
      };
      const partition = partitionOf(model);
      // every site's cell is non-empty in [0,1]² (each site lies in its own cell)
      expect(partition.cells.map((c) => Number(c.label))).toEqual(sites.map((_, i) => i));
      const complex = buildComplex(partition);
      const ours = sortedEdges(
        complex.simplices[1]!.map(([i, j]) => [
          Number(partition.cells[i!]!.label),
          Number(partition.cells[j!]!.label),
        ]),
      );

      const voronoi = Delaunay.from(sites as [number, number][]).voronoi([0, 0, 1, 1]);
      const reference: [number, number][] = [];
      sites.forEach((_, i) => {
        for (const j of voronoi.neighbors(i)) if (i < j) reference.push([i, j]);
      });
      expect(ours).toEqual(sortedEdges(reference));
      // and the areas tile the square exactly
      expect(Rational.sum(partition.cells.map((c) => c.polytope.volume())).toString()).toBe('1');
    });
  }
});
