/**
 * The float complex read through the float partition's cell view (`knownCell`, s11-cellview)
 * against the same partition read through its Polytopes (cells without the view): the same
 * faces, simplices, ridges and float values bit for bit, and no Polytope read for a float complex
 * with float measures; exact measures asked of the view-built complex make the Polytope on demand
 * (the partition's own object) and equal the Polytope-built complex's. 2-D and 3-D ReLU nets.
 */
import type { Polytope } from '@mlgeo/exact-polytope';
import { box, partitionOf } from '@mlgeo/model-partitions';
import { type RiemannianComplex, buildComplex } from '@mlgeo/riemannian-complex';
import { describe, expect, it } from 'vitest';
import { randomMlp } from '../bench/random-nets.js';

/** Everything a float complex reports, as plain data (floats exactly as computed). */
function floatSummary(cx: RiemannianComplex) {
  const fm = cx.floatMetric;
  return {
    simplices: cx.simplices,
    faces: cx.sharedFaces.map((f) => [
      f.i,
      f.j,
      f.hyperplane.a.join(','),
      String(f.hyperplane.b),
      f.floatVolume.value,
      f.floatVolume.error,
    ]),
    ridges: cx.ridges!.map((r) => [
      r.sum,
      r.angles.map((a) => [a.cell, a.kind, a.facets.join(','), a.angle]),
    ]),
    cells: cx.cells.map((c) => [c.label, c.floatVolume.value, c.floatVolume.error]),
    edgeLengths: fm.edgeLengths.map((v) => [v.value, v.error]),
    M1: fm.M1.map((v) => [v.value, v.error]),
  };
}

const nets: [string, number[], number][] = [
  ['2→12→12→1', [2, 12, 12, 1], 3],
  ['2→8→8→8→1', [2, 8, 8, 8, 1], 5],
  ['3→6→6→1', [3, 6, 6, 1], 11],
];

describe('float complex through the cell view = through the Polytopes', () => {
  for (const [name, sizes, seed] of nets)
    it(
      name,
      () => {
        const d = sizes[0]!;
        const domain = box(new Array(d).fill(0), new Array(d).fill(1));
        const options = { domain, predicates: 'filtered', measures: 'float' };
        const p = partitionOf(randomMlp(sizes, seed), options as Parameters<typeof partitionOf>[1]);
        expect(p.cells.length).toBeGreaterThan(20);
        expect(p.cells.every((c) => c.knownCell !== undefined)).toBe(true);
        // the view's partition: every read of a cell's Polytope counted
        let reads = 0;
        const viewed = {
          ...p,
          cells: p.cells.map((c) => ({
            label: c.label,
            knownCell: c.knownCell!,
            get polytope(): Polytope {
              reads++;
              return c.polytope;
            },
          })),
        };
        const view = buildComplex(viewed, { measures: 'float' });
        const a = floatSummary(view);
        expect(reads).toBe(0);
        // the same cells without the view: read from their Polytopes
        const plain = {
          ...p,
          cells: p.cells.map((c) => ({ label: c.label, polytope: c.polytope })),
        };
        const poly = buildComplex(plain, { measures: 'float' });
        expect(a).toEqual(floatSummary(poly));
        // exact measures on demand: the partition's Polytope, the same values
        for (const i of [0, Math.floor(p.cells.length / 2), p.cells.length - 1]) {
          expect(view.cells[i]!.polytope).toBe(p.cells[i]!.polytope);
          expect(view.cells[i]!.volume.equals(poly.cells[i]!.volume)).toBe(true);
          expect(view.cells[i]!.centroid.map(String)).toEqual(poly.cells[i]!.centroid.map(String));
        }
        expect(reads).toBeGreaterThan(0);
      },
      120_000,
    );
});
