/**
 * The float path's cells read from a `KnownCell` (exact-polytope; s14-inc: its incidence is flat
 * and the facets' vertex lists are made from it) give the same complex as the cells read from
 * their Polytopes.
 */
import { describe, expect, it } from 'vitest';
import { toIntegerPoint } from '@mlgeo/exact-arith';
import { knownCell, type Polytope } from '@mlgeo/exact-polytope';
import { buildComplex } from './complex.js';
import { complexToJson } from './json.js';
import { mlpPartition, randomLayers } from './mlp.test-helper.js';
import type { PartitionLike } from './types.js';

/** The KnownCell of a Polytope: its facet rows, its vertices and their tight rows (exact). */
function knownOf(P: Polytope) {
  const facets = P.facets();
  const points = P.vertices().map((v) => toIntegerPoint(v));
  const rows = facets.map((f) => {
    const ints = [...f.a, f.b];
    const den = ints.reduce((l, x) => (l % x.den === 0n ? l : l * x.den), 1n);
    return { a: f.a.map((x) => (x.num * den) / x.den), b: (f.b.num * den) / f.b.den };
  });
  const tight = points.map((p) =>
    rows.flatMap((r, i) => {
      let s = -r.b * p.den;
      for (let k = 0; k < r.a.length; k++) s += r.a[k]! * p.num[k]!;
      return s === 0n ? [i] : [];
    }),
  );
  return knownCell({
    dimension: P.ambientDimension,
    rows,
    vertexCount: points.length,
    tight,
    exactVertex: (v) => points[v]!,
    check: true,
  });
}

describe('cells of known vertices (float path)', () => {
  it.each([
    [[2, 5, 4, 1], 2],
    [[3, 3, 3, 1], 4],
  ])(
    '%j: the same float complex as from the Polytopes, facets on the flat incidence',
    (sizes, seed) => {
      const partition = mlpPartition(randomLayers(sizes, seed), -1, 1);
      const known: PartitionLike = {
        ...partition,
        cells: partition.cells.map((cell) => ({ ...cell, knownCell: knownOf(cell.polytope) })),
      };
      for (const cell of known.cells)
        expect(cell.knownCell!.incidence).toEqual(cell.polytope.incidence());
      const a = buildComplex(known, { measures: 'float' });
      const b = buildComplex(partition, { measures: 'float' });
      expect(complexToJson(a, { measures: 'float' })).toEqual(
        complexToJson(b, { measures: 'float' }),
      );
    },
  );
});
